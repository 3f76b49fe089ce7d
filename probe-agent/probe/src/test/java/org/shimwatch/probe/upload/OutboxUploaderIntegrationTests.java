package org.shimwatch.probe.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.LocalReceiver.Answer;
import org.shimwatch.probe.MutableClock;
import org.shimwatch.probe.SampleReports;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.outbox.FileReportQueue;
import org.shimwatch.probe.outbox.OutboxLimits;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportValidator;

/**
 * The sender against a real HTTP server on loopback: retries with growing, jittered waits, honours
 * Retry-After, resumes where it stopped, moves refused reports aside, keeps reports when the
 * settings are refused, and sends the same report id on every retry.
 */
class OutboxUploaderIntegrationTests {

  private static final String SECRET = "s3cretS3cretS3cretS3cret";

  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private final List<Duration> slept = new ArrayList<>();
  private LocalReceiver receiver;
  private StateDirectory state;
  private FileReportQueue queue;

  @BeforeEach
  void start() throws Exception {
    receiver = new LocalReceiver();
    state = new StateDirectory(tmp.resolve("state"));
    queue = new FileReportQueue(state, OutboxLimits.defaults(), clock);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static ConsentGate gate(ConsentLevel level) {
    return new ConsentGate(
        level == ConsentLevel.NONE ? Consent.none() : new Consent(level, UUID.randomUUID(), SECRET),
        level);
  }

  private OutboxUploader uploader() {
    return uploader(receiver.base());
  }

  private OutboxUploader uploader(URI base) {
    return uploader(base, () -> {});
  }

  /** An uploader whose waits also run {@code duringWait}, as another process would meanwhile. */
  private OutboxUploader uploader(URI base, Runnable duringWait) {
    HttpReportSender sender =
        new HttpReportSender(
            URI.create(base + IngestProtocol.reportsPath("default")),
            "swk_key",
            SECRET,
            Duration.ofSeconds(2),
            Duration.ofMillis(700),
            clock);
    return new OutboxUploader(
        state,
        queue,
        sender,
        Backoff.defaults(),
        clock,
        d -> {
          slept.add(d);
          clock.advance(d);
          duringWait.run();
        },
        new SplittableRandom(42));
  }

  @Test
  void retriesServerErrorsWithGrowingJitteredWaitsThenArchivesTheReceipt() throws Exception {
    Report r = queue.enqueue(SampleReports.aria2c()).report();
    receiver.then(
        Answer.problem(503, "overloaded"),
        Answer.problem(500, "internal"),
        Answer.problem(503, "storage-timeout"));

    OutboxUploader.Result result =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ofHours(1), false);

    assertThat(result.sent()).isEqualTo(1);
    assertThat(result.waiting()).isZero();
    assertThat(slept).hasSize(3);
    // Equal jitter: the n-th wait lies between half and all of 30 s * 2^(n-1).
    assertThat(slept.get(0)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    assertThat(slept.get(1)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    assertThat(slept.get(2)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
    List<LocalReceiver.Received> got = receiver.received();
    assertThat(got).hasSize(4);
    for (LocalReceiver.Received g : got) {
      assertThat(g.path()).isEqualTo("/api/v1/projects/default/reports");
      assertThat(g.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(g.header("Content-Type")).isEqualTo("application/json");
      assertThat(g.header(IngestProtocol.KEY_HEADER)).isEqualTo("swk_key");
      assertThat(g.header(IngestProtocol.INSTALLATION_SECRET_HEADER)).isEqualTo(SECRET);
      assertThat(g.header("Expect")).isNull();
      // The same report id every time: the server stores it once.
      assertThat(ReportValidator.instance().parse(g.body()).reportId()).isEqualTo(r.reportId());
      assertThat(g.rawBody().length).isLessThan(g.body().length);
    }
    assertThat(queue.history())
        .singleElement()
        .satisfies(a -> assertThat(a.receipt().reportId()).isEqualTo(r.reportId()));
    assertThat(UploadState.load(state.statusFile()).lastError()).isNull();
  }

  @Test
  void aReportQueuedWhileAnotherIsBeingSentGoesInTheSameCall() throws Exception {
    // Another process queues its report while this one holds the send lock (it waits on a busy
    // server here): that process finds the lock taken and leaves its report to this one.
    queue.enqueue(SampleReports.aria2c());
    receiver.then(Answer.problem(503, "overloaded"));
    List<Report> queuedMeanwhile = new ArrayList<>();
    Runnable otherProcess =
        () -> {
          if (queuedMeanwhile.isEmpty()) {
            try {
              queuedMeanwhile.add(queue.enqueue(SampleReports.aria2c()).report());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };

    OutboxUploader.Result result =
        uploader(receiver.base(), otherProcess)
            .drain(gate(ConsentLevel.METRICS), Duration.ofHours(1), false);

    assertThat(result.sent()).as(String.valueOf(result.stopped())).isEqualTo(2);
    assertThat(result.waiting()).isZero();
    assertThat(receiver.reports())
        .extracting(r -> r.path("reportId").asString())
        .contains(queuedMeanwhile.get(0).reportId().toString());
  }

  @Test
  void aSendWaitsBrieflyForAnotherToLetGoAndLeavesTheQueueToOneThatDoesNot() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    java.nio.file.Files.createDirectories(state.root());
    try (java.nio.channels.FileChannel other =
        java.nio.channels.FileChannel.open(
            state.uploadLock(),
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE)) {
      // Held all along: after a short wait this call leaves the report to the holder.
      java.nio.channels.FileLock held = other.lock();
      OutboxUploader.Result refused =
          uploader().drain(gate(ConsentLevel.METRICS), Duration.ofHours(1), false);
      assertThat(refused.stopped()).isEqualTo("another shimwatch process is sending");
      assertThat(refused.waiting()).isEqualTo(1);
      // Let go a moment after the call began: the call waits for it and sends.
      Thread release =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300);
                  held.release();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      release.start();
      OutboxUploader.Result sent =
          uploader().drain(gate(ConsentLevel.METRICS), Duration.ofHours(1), false);
      release.join();
      assertThat(sent.sent()).as(String.valueOf(sent.stopped())).isEqualTo(1);
    }
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    receiver.then(
        new Answer(
            429,
            "application/problem+json",
            "{\"reason\":\"rate-limited\"}",
            Map.of("Retry-After", "42")));

    uploader().drain(gate(ConsentLevel.METRICS), Duration.ofHours(1), false);

    assertThat(slept).containsExactly(Duration.ofSeconds(42));
    assertThat(queue.history()).hasSize(1);
  }

  @Test
  void whenTheWaitDoesNotFitItStopsAndTheNextCallResumesAfterTheWait() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    receiver.then(
        new Answer(
            503,
            "application/problem+json",
            "{\"reason\":\"overloaded\"}",
            Map.of("Retry-After", "120")));

    OutboxUploader.Result first =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ofSeconds(10), false);
    assertThat(first.waiting()).isEqualTo(1);
    assertThat(first.stopped()).contains("503 overloaded");
    UploadState s = UploadState.load(state.statusFile());
    assertThat(s.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(120));
    assertThat(s.failures()).isEqualTo(1);

    OutboxUploader.Result tooEarly =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ofSeconds(10), false);
    assertThat(tooEarly.stopped()).startsWith("the server asked to wait until");
    assertThat(receiver.received()).hasSize(1);

    clock.advance(Duration.ofSeconds(121));
    OutboxUploader.Result later =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ofSeconds(10), false);
    assertThat(later.sent()).isEqualTo(1);
    assertThat(receiver.received()).hasSize(2);
    assertThat(UploadState.load(state.statusFile()).failures()).isZero();
  }

  @Test
  void aBusyServersRetryAfterHoldsEvenForAForcedAttemptUntilItHasPassed() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    receiver.then(
        new Answer(
            429,
            "application/problem+json",
            "{\"reason\":\"rate-limited\"}",
            Map.of("Retry-After", "900")));
    uploader().drain(gate(ConsentLevel.METRICS), Duration.ZERO, true);
    assertThat(UploadState.load(state.statusFile()).serverWaitUntil())
        .isEqualTo(clock.instant().plusSeconds(900));

    clock.advance(Duration.ofSeconds(5));
    OutboxUploader.Result forced =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ZERO, true);

    assertThat(forced.stopped()).startsWith("the server asked to wait until");
    assertThat(receiver.received()).hasSize(1);

    clock.advance(Duration.ofSeconds(896));
    assertThat(uploader().drain(gate(ConsentLevel.METRICS), Duration.ZERO, true).sent())
        .isEqualTo(1);
    assertThat(UploadState.load(state.statusFile()).serverWaitUntil()).isNull();
  }

  @Test
  void ourOwnBackoffAfterAConnectionFailureDoesNotHoldAForcedAttempt() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    LocalReceiver gone = new LocalReceiver();
    URI nowhere = gone.base();
    gone.close();
    uploader(nowhere).drain(gate(ConsentLevel.METRICS), Duration.ZERO, true);
    assertThat(UploadState.load(state.statusFile()).nextAttemptAt()).isAfter(clock.instant());

    assertThat(uploader().drain(gate(ConsentLevel.METRICS), Duration.ZERO, true).sent())
        .isEqualTo(1);
  }

  @Test
  void aRefusedReportMovesToRejectedWithTheReasonAndTheNextOneIsSent() throws Exception {
    Report tooBig = queue.enqueue(SampleReports.aria2c()).report();
    clock.advance(Duration.ofMillis(1));
    Report fine = queue.enqueue(SampleReports.level1()).report();
    receiver.then(Answer.problem(413, "too-large"));

    OutboxUploader.Result result =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ofMinutes(1), false);

    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.sent()).isEqualTo(1);
    // Oldest first.
    assertThat(receiver.reports().get(0).path("reportId").asString())
        .isEqualTo(tooBig.reportId().toString());
    assertThat(queue.rejected())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.report().reportId()).isEqualTo(tooBig.reportId());
              assertThat(a.status()).isEqualTo(413);
              assertThat(a.reason()).contains("too-large");
            });
    assertThat(queue.history())
        .singleElement()
        .satisfies(a -> assertThat(a.report().reportId()).isEqualTo(fine.reportId()));
  }

  @Test
  void refusedSettingsKeepEveryReportAndSayWhatToFix() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    clock.advance(Duration.ofMillis(1));
    queue.enqueue(SampleReports.level1());
    receiver.then(Answer.problem(401, "unknown-key"));

    OutboxUploader.Result result =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ofMinutes(1), false);

    assertThat(result.waiting()).isEqualTo(2);
    assertThat(receiver.received()).hasSize(1);
    assertThat(result.stopped()).contains("unknown-key").contains("ingest key");
    assertThat(queue.rejected()).isEmpty();
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsRetried() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    receiver.then(new Answer(0, null, "2000", Map.of()));

    OutboxUploader.Result result =
        uploader().drain(gate(ConsentLevel.METRICS), Duration.ofHours(1), false);

    assertThat(result.sent()).isEqualTo(1);
    assertThat(slept).hasSize(1);
  }

  @Test
  void noServerListeningIsANetworkErrorThatKeepsTheReport() throws Exception {
    queue.enqueue(SampleReports.aria2c());
    URI dead = receiver.base();
    receiver.close();

    OutboxUploader.Result result =
        uploader(dead).drain(gate(ConsentLevel.METRICS), Duration.ofSeconds(1), false);

    assertThat(result.waiting()).isEqualTo(1);
    assertThat(UploadState.load(state.statusFile()).lastError()).contains("cannot connect");
  }

  @Test
  void aDuplicateAnswerArchivesTheReport() throws Exception {
    Report r = queue.enqueue(SampleReports.aria2c()).report();
    receiver.then(
        new Answer(
            200,
            "application/json",
            "{\"reportId\":\""
                + r.reportId()
                + "\",\"receivedAt\":\"2026-11-24T10:00:00Z\",\"duplicate\":true}",
            Map.of()));

    uploader().drain(gate(ConsentLevel.METRICS), Duration.ofMinutes(1), false);

    assertThat(queue.history())
        .singleElement()
        .satisfies(a -> assertThat(a.receipt().duplicate()).isTrue());
  }

  @Test
  void reportsAboveTheLevelInForceAreNotSent() throws Exception {
    queue.enqueue(SampleReports.aria2c()); // level 2

    OutboxUploader.Result result =
        uploader().drain(gate(ConsentLevel.ENVIRONMENT), Duration.ofMinutes(1), false);

    assertThat(receiver.received()).isEmpty();
    assertThat(result.waiting()).isEqualTo(1);
  }

  @Test
  void atLevelZeroNothingIsSent() throws Exception {
    queue.enqueue(SampleReports.aria2c());

    uploader().drain(gate(ConsentLevel.NONE), Duration.ofMinutes(1), true);

    assertThat(receiver.received()).isEmpty();
  }
}
