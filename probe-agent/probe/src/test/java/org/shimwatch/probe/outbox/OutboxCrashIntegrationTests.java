package org.shimwatch.probe.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.AtomicFiles;
import org.shimwatch.probe.ChildJvm;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.upload.Backoff;
import org.shimwatch.probe.upload.HttpReportSender;
import org.shimwatch.probe.upload.OutboxUploader;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportValidator;

/**
 * Kills a process that is writing reports into the outbox at random instants, many times over, and
 * then sends everything that is there: every file the reader lists is a whole valid report, and
 * every body that reaches the server is one.
 */
class OutboxCrashIntegrationTests {

  private static final int ROUNDS = 32;

  @TempDir Path tmp;

  @Test
  void killingTheWriterAtAnyInstantNeverLeavesAReportThatIsSentHalfWritten() throws Exception {
    Path stateDir = tmp.resolve("state");
    Random random = new Random(20261125);
    for (int round = 0; round < ROUNDS; round++) {
      Process child =
          ChildJvm.builder(
                  List.of("-Xmx64m"),
                  OutboxWriterChild.class.getName(),
                  List.of(stateDir.toString()),
                  TestEnv.in(tmp))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("ready");
        Thread.sleep(random.nextInt(120));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }

    FileReportQueue queue =
        new FileReportQueue(
            new StateDirectory(stateDir), OutboxLimits.defaults(), Clock.systemUTC());
    // What a writer killed between write and rename leaves: a partial temporary file.
    List<Path> written;
    try (Stream<Path> files = Files.list(stateDir.resolve("outbox"))) {
      written = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    }
    byte[] whole = Files.readAllBytes(written.get(0));
    Files.write(
        stateDir.resolve("outbox").resolve(AtomicFiles.TEMP_PREFIX + "killed"),
        java.util.Arrays.copyOf(whole, whole.length / 2));
    FileReportQueue.Listing listing = queue.pending();
    assertThat(listing.problems()).isEmpty();
    assertThat(listing.reports()).hasSizeGreaterThanOrEqualTo(ROUNDS);

    try (LocalReceiver receiver = new LocalReceiver()) {
      OutboxUploader uploader =
          new OutboxUploader(
              new StateDirectory(stateDir),
              queue,
              new HttpReportSender(
                  URI.create(receiver.base() + IngestProtocol.reportsPath("default")),
                  "swk_key",
                  "s3cretS3cretS3cretS3cret",
                  Clock.systemUTC()),
              Backoff.defaults(),
              Clock.systemUTC(),
              d -> {},
              new SplittableRandom(1));
      OutboxUploader.Result r =
          uploader.drain(
              new ConsentGate(
                  new Consent(ConsentLevel.METRICS, UUID.randomUUID(), "s3cretS3cretS3cretS3cret"),
                  ConsentLevel.METRICS),
              Duration.ofMinutes(2),
              true);

      assertThat(r.waiting()).isZero();
      assertThat(receiver.received()).hasSize(listing.reports().size());
      for (LocalReceiver.Received got : receiver.received()) {
        assertThat(ReportValidator.instance().validate(got.body())).isEmpty();
      }
    }
  }
}
