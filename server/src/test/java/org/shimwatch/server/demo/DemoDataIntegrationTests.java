package org.shimwatch.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@ActiveProfiles("demo")
class DemoDataIntegrationTests {

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("shimwatch-demo-test").toString();
    registry.add("shimwatch.data-dir", () -> dir);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired DemoData demo;

  @Test
  void theDemoProfileLoadsMarkedDemoReportsOnce() {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report WHERE demo", Integer.class))
        .isEqualTo(DemoData.REPORTS);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report WHERE NOT demo", Integer.class))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(DISTINCT installation_id) FROM report", Integer.class))
        .isGreaterThan(80);
    assertThat(jdbc.queryForList("SELECT DISTINCT os_family FROM report ORDER BY 1", String.class))
        .containsExactly("linux", "os2");

    demo.run(new DefaultApplicationArguments());

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report", Integer.class))
        .isEqualTo(DemoData.REPORTS);
  }
}
