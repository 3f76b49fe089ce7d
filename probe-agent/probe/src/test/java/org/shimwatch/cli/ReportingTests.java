package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.outbox.KnownIssue;
import org.shimwatch.probe.outbox.Receipt;
import org.shimwatch.probe.upload.OutboxUploader;

/** The closing lines a run prints for the known issues its receipts named. */
class ReportingTests {

  static final URI SERVER = URI.create("http://127.0.0.1:18122/");
  static final KnownIssue ISSUE =
      new KnownIssue(
          "Traps in TCPIP32", "Install UN02200", "0.2.0", "/known-issues/default#advice-3");

  static ConsentGate gate(ConsentLevel level) {
    return new ConsentGate(new Consent(level, UUID.randomUUID(), "secret-0123456789abcdef"), level);
  }

  static OutboxUploader.Result sent(int level, KnownIssue... issues) {
    Receipt r = new Receipt(UUID.randomUUID(), Instant.EPOCH, false, List.of(issues));
    return new OutboxUploader.Result(
        1, 0, 0, null, List.of(new OutboxUploader.Delivered(r.reportId(), level, r)));
  }

  @Test
  void aSentReportWithTrapDetailsPrintsEachKnownIssueOnce() {
    OutboxUploader.Result r =
        new OutboxUploader.Result(
            2,
            0,
            0,
            null,
            List.of(
                sent(3, ISSUE).delivered().get(0),
                sent(3, ISSUE, new KnownIssue("Other", null, null, null)).delivered().get(0)));
    assertThat(Reporting.knownIssues(r, gate(ConsentLevel.DIAGNOSTICS), SERVER))
        .containsExactly(
            "shimwatch: known issue: Traps in TCPIP32 \u2014 workaround: Install UN02200 (fixed in"
                + " 0.2.0) http://127.0.0.1:18122/known-issues/default#advice-3",
            "shimwatch: known issue: Other");
  }

  @Test
  void nothingIsSaidBelowTrapDetailsOrWhenNothingWasSent() {
    assertThat(Reporting.knownIssues(sent(2, ISSUE), gate(ConsentLevel.DIAGNOSTICS), SERVER))
        .as("a report assembled at level 2")
        .isEmpty();
    assertThat(Reporting.knownIssues(sent(3, ISSUE), gate(ConsentLevel.METRICS), SERVER))
        .as("consent lowered since")
        .isEmpty();
    assertThat(
            Reporting.knownIssues(
                new OutboxUploader.Result(0, 0, 1, "not sent"),
                gate(ConsentLevel.DIAGNOSTICS),
                SERVER))
        .isEmpty();
  }
}
