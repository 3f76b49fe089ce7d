package org.shimwatch.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.matrix.Tier;
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
  @Autowired MatrixQuery matrix;

  @Test
  void theDemoMatrixShowsVerdictsNotOnlyTooFewInstallations() {
    MatrixView byShim =
        matrix
            .matrix(
                "default",
                new MatrixRequest(MatrixColumns.SHIM, null, null, null, null, null, false))
            .orElseThrow();
    Map<Tier, Long> tiers =
        byShim.cells().stream()
            .collect(Collectors.groupingBy(MatrixCell::tier, Collectors.counting()));
    // Popular set-ups have enough installations for a public verdict, the long tail has not;
    // the known trouble (traps on TCP/IP 4.3 without the newer stack) shows as broken.
    assertThat(tiers).containsKeys(Tier.WORKS, Tier.MOSTLY_WORKS, Tier.BROKEN);
    long judged = byShim.cells().size() - tiers.getOrDefault(Tier.NOT_ENOUGH_DATA, 0L);
    assertThat(judged * 3).isGreaterThanOrEqualTo(byShim.cells().size());
    MatrixView byClient = matrix.matrix("default", MatrixRequest.publicDefault()).orElseThrow();
    assertThat(byClient.cells()).anyMatch(c -> c.tier() != Tier.NOT_ENOUGH_DATA);
  }

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
    // Weeks of history, each report received when it was made.
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM report WHERE received_at <> created_at", Integer.class))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(DISTINCT CAST(received_at AS DATE)) FROM report", Integer.class))
        .isGreaterThan(30);

    demo.run(new DefaultApplicationArguments());

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report", Integer.class))
        .isEqualTo(DemoData.REPORTS);
  }
}
