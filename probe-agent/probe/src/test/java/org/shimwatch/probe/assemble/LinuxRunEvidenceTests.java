package org.shimwatch.probe.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.MutableClock;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.environment.DpkgDatabase;
import org.shimwatch.probe.environment.LinuxEnvironment;
import org.shimwatch.probe.environment.SystemIdentity;
import org.shimwatch.probe.outbox.FileReportQueue;
import org.shimwatch.probe.outbox.OutboxLimits;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.Source;
import org.shimwatch.report.Trap;

/** A run's spool through assembly and the outbox: which traps stay, and who removes the files. */
class LinuxRunEvidenceTests {

  private static final long FIRST_TRAP_MS = 1_700_000_000_000L;

  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

  private static final SystemIdentity MACHINE =
      new SystemIdentity() {
        @Override
        public Optional<Uname> uname() {
          return Optional.of(new Uname("Linux", "build-host", "6.1.0-27-amd64", "x86_64"));
        }

        @Override
        public Optional<String> libcVersion() {
          return Optional.of("2.36");
        }
      };

  private LinuxRunEvidence evidence(Path spool, LinuxRunEvidence.SpoolOwner owner) {
    LinuxEnvironment linux =
        new LinuxEnvironment(
            MACHINE, List.of(tmp.resolve("no-os-release")), new DpkgDatabase(tmp), List.of());
    return new LinuxRunEvidence(
        linux,
        new Environment.Client("client", "1.0"),
        linux.glibcRuntime(),
        Environment.InstallMode.PRELOAD,
        () -> "0.1.0",
        spool,
        owner,
        1000L);
  }

  private static ConsentGate gate(ConsentLevel level) {
    return new ConsentGate(
        new Consent(ConsentLevel.DIAGNOSTICS, UUID.randomUUID(), "s3cretS3cretS3cretS3cret"),
        level);
  }

  private Report assemble(ConsentLevel level, Evidence e) {
    return new ReportAssembler(clock)
        .assemble(
            gate(level),
            new ReportAssembler.Subject(Source.CLI, Outcome.TRAPS, null, null),
            e,
            Scrubber.withNames(List.of(), List.of()));
  }

  /** The shim's trap record for trap number {@code n}, made {@code n} seconds after the first. */
  private static String trap(int n) {
    return "{\"format\":\"shimwatch-trap\",\"formatVersion\":1,\"shimVersion\":\"0.1.0\","
        + "\"pid\":"
        + n
        + ",\"tid\":"
        + n
        + ",\"timeMs\":"
        + (FIRST_TRAP_MS + n * 1000L)
        + ",\"signal\":\"SIGSEGV\",\"siCode\":1,\"faultAddress\":\"0x0\","
        + "\"frames\":[{\"module\":\"/usr/bin/client\",\"offset\":\"0x1139\"}],"
        + "\"exe\":\"/usr/bin/client\"}";
  }

  @Test
  void aRunWithMoreTrapsThanTheCapKeepsTheNewest() throws Exception {
    Path spool = tmp.resolve("runs/one");
    Files.createDirectories(spool);
    int traps = Trap.MAX_PER_REPORT + 6;
    for (int n = 1; n <= traps; n++) {
      // Named so that the names sort newest first: the cap must go by time, not by name.
      Files.writeString(
          spool.resolve(String.format("trap-%05d-1-%d.json", 100_000 - n, n)), trap(n));
    }
    FileReportQueue queue =
        new FileReportQueue(
            new StateDirectory(tmp.resolve("state")), OutboxLimits.defaults(), clock);

    try (LinuxRunEvidence e = evidence(spool, LinuxRunEvidence.SpoolOwner.THIS_RUN)) {
      Report queued = queue.enqueue(assemble(ConsentLevel.DIAGNOSTICS, e)).report();

      assertThat(queued.traps()).hasSize(Trap.MAX_PER_REPORT);
      assertThat(queued.traps())
          .extracting(t -> t.process().pid())
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(7, traps).boxed().toList());
      assertThat(queued.traps().get(0).time())
          .isEqualTo(Instant.ofEpochMilli(FIRST_TRAP_MS + 7_000L));
      assertThat(queued.traps().get(0).frames()).isNotEmpty();
    }
  }

  @Test
  void theEvidenceRemovesTheSpoolOfItsRunWhenItIsDone() throws Exception {
    Path spool = tmp.resolve("runs/two");
    Files.createDirectories(spool);
    Files.writeString(spool.resolve("trap-1-1-1.json"), trap(1));
    Files.writeString(spool.resolve("left-by-the-client.txt"), "x");

    try (LinuxRunEvidence e = evidence(spool, LinuxRunEvidence.SpoolOwner.THIS_RUN)) {
      assemble(ConsentLevel.METRICS, e);
      // Not queued (the report could not be written, say): the run's spool goes all the same.
    }

    assertThat(spool).doesNotExist();
  }

  @Test
  void aUsersSpoolLosesOnlyTheFilesThatWentIntoAQueuedReport() throws Exception {
    Path spool = tmp.resolve("user-spool");
    Files.createDirectories(spool);
    Path used = spool.resolve("trap-1-1-1.json");
    Files.writeString(used, trap(1));
    Path other = spool.resolve("notes.txt");
    Files.writeString(other, "mine");

    try (LinuxRunEvidence e = evidence(spool, LinuxRunEvidence.SpoolOwner.USER)) {
      assemble(ConsentLevel.METRICS, e);
    }
    assertThat(used).as("shown, not queued: kept").exists();

    try (LinuxRunEvidence e = evidence(spool, LinuxRunEvidence.SpoolOwner.USER)) {
      assemble(ConsentLevel.METRICS, e);
      e.queued();
    }
    assertThat(used).doesNotExist();
    assertThat(other).exists();
    assertThat(spool).isDirectory();
  }

  @Test
  void atLevelOneTheSpoolIsNeitherReadNorRemoved() throws Exception {
    Path spool = tmp.resolve("user-spool");
    Files.createDirectories(spool);
    Path trap = spool.resolve("trap-1-1-1.json");
    Files.writeString(trap, trap(1));

    try (LinuxRunEvidence e = evidence(spool, LinuxRunEvidence.SpoolOwner.USER)) {
      Report r = assemble(ConsentLevel.ENVIRONMENT, e);
      e.queued();
      assertThat(r.traps()).isNull();
    }
    assertThat(trap).exists();
  }
}
