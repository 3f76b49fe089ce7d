package org.shimwatch.server.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.insight.FixCorrelation;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.traps.TrapGroupQuery;
import org.shimwatch.web.traps.TrapGroupView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the analytics make of the demo data, whose generator follows the shim's readme: traps in
 * TCPIP32.DLL recur on TCP/IP 4.3 without the NEWSTACK update, and an inactive shim means the
 * select() problem.
 */
@SpringBootTest
@ActiveProfiles("demo")
class InsightDemoIntegrationTests {

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("shimwatch-insight-demo").toString();
    registry.add("shimwatch.data-dir", () -> dir);
  }

  @Autowired InsightService insight;
  @Autowired MatrixQuery matrix;
  @Autowired TrapGroupQuery traps;

  @Test
  void theNewstackUpdateGoesWithMoreSuccessOnOs2() {
    List<FixCorrelation> fixes = insight.fixCorrelation("default", 20).orElseThrow();

    FixCorrelation newstack =
        fixes.stream()
            .filter(f -> f.fix().startsWith("newstack:NEWSTACK"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(fixes.toString()));
    assertThat(newstack.osFamily()).isEqualTo("os2");
    assertThat(newstack.difference()).isPositive();
    assertThat(newstack.withJudged()).isGreaterThanOrEqualTo(20);
    assertThat(newstack.withoutJudged()).isGreaterThanOrEqualTo(20);
    assertThat(fixes).allSatisfy(f -> assertThat(f.withJudged()).isGreaterThanOrEqualTo(20));
  }

  @Test
  void tcpip32TrapsFormOneGroupPerOffsetAndLinuxCrashesGroupOnTheCaller() {
    List<TrapGroupView> groups = traps.groups("default", null).orElseThrow();

    assertThat(groups)
        .extracting(TrapGroupView::signature)
        .contains("c0000005|TCPIP32|1:a1f4", "SIGSEGV|aria2c|1f3e20")
        .doesNotHaveDuplicates();
    assertThat(groups.get(0).traps()).isGreaterThanOrEqualTo(groups.get(groups.size() - 1).traps());
    TrapGroupView a1f4 =
        groups.stream()
            .filter(g -> g.signature().equals("c0000005|TCPIP32|1:a1f4"))
            .findFirst()
            .orElseThrow();
    assertThat(a1f4.stacks()).allSatisfy(s -> assertThat(s.value()).startsWith("os2-tcpip"));
    assertThat(a1f4.installations()).isLessThanOrEqualTo(a1f4.reports());
  }

  @Test
  void thePublicMatrixHasEveryTierItCanShow() {
    MatrixView view =
        matrix
            .matrix(
                "default",
                new MatrixRequest(MatrixColumns.SHIM, "os2", null, null, null, null, false))
            .orElseThrow();

    assertThat(view.rows()).isNotEmpty();
    assertThat(view.rows()).allSatisfy(r -> assertThat(r.osFamily()).isEqualTo("os2"));
    assertThat(view.columns())
        .extracting(c -> c.shimVersion())
        .containsExactly("2004-02", "2004-05");
    assertThat(view.cells())
        .allSatisfy(
            c -> {
              if (c.reports() == null) {
                assertThat(c.tier().label()).isEqualTo("not enough data");
              } else {
                assertThat(c.installations()).isGreaterThanOrEqualTo(3);
              }
            });
  }
}
