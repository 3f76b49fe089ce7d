package org.shimwatch.probe.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.AtomicFiles;
import org.shimwatch.probe.MutableClock;
import org.shimwatch.probe.SampleReports;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;

class FileReportQueueTests {

  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

  private FileReportQueue queue(OutboxLimits limits) {
    return new FileReportQueue(new StateDirectory(tmp), limits, clock);
  }

  @Test
  void queuesTheExactBytesToSendPrivatelyOldestFirst() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    Report a = q.enqueue(SampleReports.aria2c()).report();
    clock.advance(Duration.ofSeconds(1));
    Report b = q.enqueue(SampleReports.level1()).report();

    FileReportQueue.Listing l = q.pending();
    assertThat(l.reports())
        .extracting(r -> r.report().reportId())
        .containsExactly(a.reportId(), b.reportId());
    Path file = l.reports().get(0).file();
    assertThat(Files.readString(file)).isEqualTo(ReportJson.write(a));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(l.reports().get(0).queuedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
  }

  @Test
  void anInvalidReportIsRefusedAndNothingIsWritten() {
    Report r = SampleReports.aria2c();
    Report levelOneWithMetrics =
        new Report(
            1,
            r.reportId(),
            r.installationId(),
            1,
            r.createdAt(),
            r.source(),
            null,
            r.outcome(),
            null,
            r.environment(),
            r.metrics(),
            null,
            null);

    assertThatThrownBy(() -> queue(OutboxLimits.defaults()).enqueue(levelOneWithMetrics))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining("consent level");
    assertThat(tmp.resolve("outbox")).doesNotExist();
  }

  @Test
  void aDamagedQueueFileIsListedAsAProblemAndLeftUntouched() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    q.enqueue(SampleReports.aria2c());
    Path damaged = tmp.resolve("outbox").resolve("0000000000000001-" + UUID.randomUUID() + ".json");
    Files.writeString(damaged, "{\"schemaVersion\":1,\"reportId\":");
    Path stranger = tmp.resolve("outbox").resolve("notes.txt");
    Files.writeString(stranger, "mine");

    FileReportQueue.Listing l = q.pending();

    assertThat(l.reports()).hasSize(1);
    assertThat(l.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(damaged);
              assertThat(p.message()).contains("not a valid report").contains("not valid JSON");
            });
    assertThat(Files.readString(damaged)).isEqualTo("{\"schemaVersion\":1,\"reportId\":");
    assertThat(Files.readString(stranger)).isEqualTo("mine");
  }

  @Test
  void theCheckedBytesAreExactlyTheBytesQueued() throws Exception {
    Report r = SampleReports.aria2c();

    FileReportQueue.Checked checked = FileReportQueue.check(r);
    FileReportQueue.QueuedReport q = queue(OutboxLimits.defaults()).enqueue(r);

    assertThat(Files.readAllBytes(q.file())).isEqualTo(checked.body());
    assertThat(q.report()).isEqualTo(checked.report());
  }

  @Test
  void aQueuedReportIsReadBackWithoutBeingCheckedAgain() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    Path f = q.enqueue(SampleReports.aria2c()).file();
    // Changed on disk after it was checked: it still reads as a report, so it is sent, and the
    // server, which checks every report, refuses it (it then waits in rejected/ with the reason).
    Files.writeString(f, Files.readString(f).replace("\"consentLevel\":2", "\"consentLevel\":1"));

    assertThat(q.pending().problems()).isEmpty();
    assertThat(q.pending().reports())
        .singleElement()
        .satisfies(p -> assertThat(p.report().consentLevel()).isEqualTo(1));
  }

  @Test
  void aFileWhoseNameAndContentDisagreeIsNotSent() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    Path f = q.enqueue(SampleReports.aria2c()).file();
    Files.move(f, f.resolveSibling("0000000000000002-" + UUID.randomUUID() + ".json"));

    assertThat(q.pending().reports()).isEmpty();
    assertThat(q.pending().problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not the one its name says"));
  }

  @Test
  void temporaryFilesAreIgnoredAndRemovedWhenStale() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    q.enqueue(SampleReports.aria2c());
    Path temp = tmp.resolve("outbox").resolve(AtomicFiles.TEMP_PREFIX + "x");
    Files.writeString(temp, "{\"half\":");
    Files.setLastModifiedTime(temp, FileTime.from(clock.instant().minus(Duration.ofMinutes(5))));

    assertThat(q.pending().reports()).hasSize(1);
    assertThat(q.pending().problems()).isEmpty();
    assertThat(q.removeStaleTemporaryFiles()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(q.removeStaleTemporaryFiles()).isEqualTo(1);
    assertThat(temp).doesNotExist();
  }

  @Test
  void beyondTheCountLimitTheOldestAreDroppedAndLogged() throws Exception {
    FileReportQueue q = queue(new OutboxLimits(3, Long.MAX_VALUE, Duration.ofDays(30)));
    List<UUID> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(q.enqueue(SampleReports.aria2c()).report().reportId());
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(q.pending().reports())
        .extracting(r -> r.report().reportId())
        .containsExactlyElementsOf(ids.subList(2, 5));
    assertThat(q.droppedLog()).hasSize(2);
    assertThat(q.droppedLog().get(0))
        .contains(ids.get(0).toString())
        .contains("more than 3 reports waiting");
  }

  @Test
  void beyondTheByteAndAgeLimitsTheOldestAreDropped() throws Exception {
    long size = ReportJson.write(SampleReports.aria2c()).getBytes(StandardCharsets.UTF_8).length;
    FileReportQueue q = queue(new OutboxLimits(100, size * 2 + 10, Duration.ofDays(30)));
    UUID first = q.enqueue(SampleReports.aria2c()).report().reportId();
    clock.advance(Duration.ofSeconds(1));
    q.enqueue(SampleReports.aria2c());
    clock.advance(Duration.ofSeconds(1));
    q.enqueue(SampleReports.aria2c());
    assertThat(q.pending().reports()).hasSize(2);
    assertThat(q.droppedLog())
        .singleElement()
        .asString()
        .contains(first.toString())
        .contains("MiB");

    clock.advance(Duration.ofDays(31));
    q.enqueue(SampleReports.level1());
    assertThat(q.pending().reports()).hasSize(1);
    assertThat(q.droppedLog()).hasSize(3).last().asString().contains("older than 30 days");
  }

  @Test
  void sentAndRejectedReportsAreArchivedWithReceiptAndReason() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    var a = q.enqueue(SampleReports.aria2c());
    clock.advance(Duration.ofSeconds(1));
    var b = q.enqueue(SampleReports.level1());

    q.markSent(a, new Receipt(a.report().reportId(), Instant.parse("2026-11-25T12:00:01Z"), false));
    q.markRejected(b, 400, "400 invalid-report: /environment: bad");

    assertThat(q.size()).isZero();
    assertThat(q.history())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.report()).isEqualTo(a.report());
              assertThat(h.receipt().receivedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:01Z"));
            });
    assertThat(q.rejected())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.status()).isEqualTo(400);
              assertThat(h.reason()).contains("invalid-report");
            });
  }

  @Test
  void theKnownIssuesOfAReceiptAreKeptBesideTheSentReport() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    var a = q.enqueue(SampleReports.aria2c());
    KnownIssue issue =
        new KnownIssue("Traps in TCPIP32", "Install UN02200", "0.2.0", "/known-issues/p#advice-1");
    q.markSent(
        a,
        new Receipt(
            a.report().reportId(), Instant.parse("2026-11-25T12:00:01Z"), false, List.of(issue)));
    assertThat(q.history())
        .singleElement()
        .satisfies(h -> assertThat(h.receipt().knownIssues()).containsExactly(issue));
  }

  @Test
  void loweringConsentDropsQueuedReportsAboveTheNewLevel() throws Exception {
    FileReportQueue q = queue(OutboxLimits.defaults());
    q.enqueue(SampleReports.aria2c());
    UUID keep = q.enqueue(SampleReports.level1()).report().reportId();

    assertThat(q.dropAboveLevel(1)).isEqualTo(1);
    assertThat(q.pending().reports())
        .singleElement()
        .satisfies(r -> assertThat(r.report().reportId()).isEqualTo(keep));
    assertThat(q.droppedLog()).singleElement().asString().contains("consent lowered");
  }
}
