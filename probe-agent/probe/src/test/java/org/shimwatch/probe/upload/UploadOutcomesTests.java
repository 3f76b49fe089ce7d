package org.shimwatch.probe.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shimwatch.probe.outbox.KnownIssue;

/** The table of HTTP answers and what the probe does with the report. */
class UploadOutcomesTests {

  private static final UUID ID = UUID.fromString("3f1c2a9e-6b1d-4c55-9a0e-2f4b7d9c1e01");
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String RECEIPT =
      "{\"reportId\":\"" + ID + "\",\"receivedAt\":\"2026-11-25T11:59:59Z\",\"duplicate\":false}";
  private static final String DUPLICATE_RECEIPT = RECEIPT.replace("false", "true");
  private static final String PROBLEM =
      "{\"status\":0,\"reason\":\"some-reason\",\"detail\":\"why\"}";

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "202 | receipt   |      | Accepted",
        "201 | receipt   |      | Accepted",
        "200 | duplicate |      | Duplicate",
        "200 | receipt   |      | Duplicate",
        "202 | empty     |      | Failed",
        "202 | otherId   |      | Failed",
        "200 | html      |      | Failed",
        "204 | empty     |      | Failed",
        "400 | problem   |      | Rejected",
        "409 | problem   |      | Rejected",
        "413 | problem   |      | Rejected",
        "415 | problem   |      | Rejected",
        "422 | problem   |      | Rejected",
        "401 | problem   |      | Refused",
        "403 | problem   |      | Refused",
        "404 | problem   |      | Refused",
        "407 | empty     |      | Refused",
        "301 | empty     |      | Refused",
        "308 | empty     |      | Refused",
        "408 | empty     |      | RetryLater",
        "429 | problem   | 17   | RetryLater",
        "429 | problem   |      | RetryLater",
        "500 | empty     |      | RetryLater",
        "502 | html      |      | RetryLater",
        "503 | problem   | 5    | RetryLater",
        "504 | empty     |      | RetryLater",
        "100 | empty     |      | Failed",
        "600 | empty     |      | Failed"
      })
  void statusDecidesWhatHappensToTheReport(
      int status, String body, String retryAfter, String kind) {
    UploadOutcome o = UploadOutcomes.fromResponse(status, retryAfter, body(body), ID, NOW);
    assertThat(o.getClass().getSimpleName()).isEqualTo(kind);
  }

  @Test
  void retryAfterInSecondsIsHonoured() {
    UploadOutcome o = UploadOutcomes.fromResponse(429, "17", body("problem"), ID, NOW);
    assertThat(((UploadOutcome.RetryLater) o).after()).isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void retryAfterAsADateIsHonoured() {
    UploadOutcome o =
        UploadOutcomes.fromResponse(503, "Wed, 25 Nov 2026 12:02:00 GMT", body("empty"), ID, NOW);
    assertThat(((UploadOutcome.RetryLater) o).after()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void retryAfterIsCappedAtADayAndIgnoredWhenUnreadable() {
    assertThat(
            ((UploadOutcome.RetryLater)
                    UploadOutcomes.fromResponse(429, "999999", body("empty"), ID, NOW))
                .after())
        .isEqualTo(Duration.ofDays(1));
    assertThat(
            ((UploadOutcome.RetryLater)
                    UploadOutcomes.fromResponse(429, "soon", body("empty"), ID, NOW))
                .after())
        .isNull();
  }

  @Test
  void rejectionCarriesTheServersReason() {
    UploadOutcome o = UploadOutcomes.fromResponse(413, null, body("problem"), ID, NOW);
    assertThat(((UploadOutcome.Rejected) o).reason()).isEqualTo("413 some-reason: why");
  }

  @Test
  void receiptIsKept() {
    UploadOutcome o = UploadOutcomes.fromResponse(202, null, body("receipt"), ID, NOW);
    var r = ((UploadOutcome.Accepted) o).receipt();
    assertThat(r.reportId()).isEqualTo(ID);
    assertThat(r.receivedAt()).isEqualTo(Instant.parse("2026-11-25T11:59:59Z"));
    assertThat(r.duplicate()).isFalse();
    assertThat(r.knownIssues()).as("a receipt from before known issues").isEmpty();
  }

  @Test
  void knownIssuesInAReceiptAreKept() {
    String receipt =
        RECEIPT.replace(
            "}",
            ",\"knownIssues\":[{\"title\":\"Traps in TCPIP32\",\"workaround\":\"Install"
                + " UN02200\",\"fixedIn\":\"0.2.0\",\"link\":\"/known-issues/default#advice-3\"},"
                + "{\"title\":\"No fix yet\"}]}");
    UploadOutcome o =
        UploadOutcomes.fromResponse(202, null, receipt.getBytes(StandardCharsets.UTF_8), ID, NOW);
    assertThat(((UploadOutcome.Accepted) o).receipt().knownIssues())
        .containsExactly(
            new KnownIssue(
                "Traps in TCPIP32", "Install UN02200", "0.2.0", "/known-issues/default#advice-3"),
            new KnownIssue("No fix yet", null, null, null));
  }

  @Test
  void knownIssuesAreReadLenientlyAndCannotReachTheTerminalRaw() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      many.append(",{\"title\":\"t").append(i).append("\"}");
    }
    String receipt =
        RECEIPT.replace(
            "}",
            ",\"knownIssues\":[17,{\"workaround\":\"no title\"},"
                + "{\"title\":\"red\\u001b[31m\\u202eevil\",\"workaround\":\"x\\r\\ny\","
                + "\"link\":\"https://elsewhere.example/\",\"fixedIn\":3}"
                + many
                + "]}");
    UploadOutcome o =
        UploadOutcomes.fromResponse(202, null, receipt.getBytes(StandardCharsets.UTF_8), ID, NOW);
    var issues = ((UploadOutcome.Accepted) o).receipt().knownIssues();
    assertThat(issues).hasSize(5);
    assertThat(issues.get(0)).isEqualTo(new KnownIssue("red [31m evil", "x  y", null, null));
    assertThat(issues.get(1).title()).isEqualTo("t0");

    String notAList = RECEIPT.replace("}", ",\"knownIssues\":\"yes\"}");
    UploadOutcome plain =
        UploadOutcomes.fromResponse(202, null, notAList.getBytes(StandardCharsets.UTF_8), ID, NOW);
    assertThat(((UploadOutcome.Accepted) plain).receipt().knownIssues()).isEmpty();
  }

  private static byte[] body(String kind) {
    String s =
        switch (kind) {
          case "receipt" -> RECEIPT;
          case "duplicate" -> DUPLICATE_RECEIPT;
          case "otherId" -> RECEIPT.replace(ID.toString(), UUID.randomUUID().toString());
          case "problem" -> PROBLEM;
          case "html" -> "<html><body>hello</body></html>";
          default -> "";
        };
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
