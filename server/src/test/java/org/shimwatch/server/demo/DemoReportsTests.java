package org.shimwatch.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;

class DemoReportsTests {

  private final List<DemoReports.Generated> reports =
      new DemoReports(1, Instant.parse("2026-11-25T00:00:00Z"), 50).next(2_000);

  @Test
  void everyGeneratedReportIsValid() throws Exception {
    for (DemoReports.Generated g : reports) {
      Report r = g.report();
      assertThat(ReportValidator.instance().validate(ReportJson.write(r)))
          .as(ReportJson.write(r))
          .isEmpty();
    }
  }

  @Test
  void theyCoverOs2AndLinuxStacksClientsAndEveryOutcome() {
    var stacks =
        reports.stream()
            .map(g -> g.report().environment().stack().version())
            .collect(Collectors.toSet());
    var outcomes = reports.stream().map(g -> g.report().outcome()).collect(Collectors.toSet());
    var clients =
        reports.stream()
            .map(g -> g.report().environment().client().name())
            .collect(Collectors.toSet());

    assertThat(stacks).contains("4.21", "4.3", "4.31", "4.32");
    assertThat(clients).contains("BitTorrent", "aria2c");
    assertThat(outcomes)
        .contains(Outcome.WORKS, Outcome.SELECT_PROBLEM, Outcome.TRAPS, Outcome.OTHER);
    assertThat(reports.stream().filter(g -> g.report().traps() != null)).isNotEmpty();
  }

  @Test
  void theSameSeedGivesTheSameReports() {
    var again = new DemoReports(1, Instant.parse("2026-11-25T00:00:00Z"), 50).next(2_000);
    assertThat(again).isEqualTo(reports);
  }

  @Test
  void reportsAreThreeToFiveKibibytesOnAverageAtLevelTwoAndUp() {
    double avg =
        reports.stream()
            .filter(g -> g.report().consentLevel() >= 2)
            .mapToInt(g -> ReportJson.write(g.report()).length())
            .average()
            .orElse(0);
    assertThat(avg).isBetween(1_000.0, 6_000.0);
  }
}
