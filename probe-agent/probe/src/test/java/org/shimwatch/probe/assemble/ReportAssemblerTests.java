package org.shimwatch.probe.assemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.report.CallMetrics;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Histogram;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.Source;
import org.shimwatch.report.Trap;

/**
 * Level by level: what a level does not allow is never even asked for; what is sent is scrubbed.
 */
class ReportAssemblerTests {

  private static final Consent CONSENT =
      new Consent(ConsentLevel.DIAGNOSTICS, UUID.randomUUID(), "s3cretS3cretS3cretS3cret");
  private final ReportAssembler assembler =
      new ReportAssembler(
          Clock.fixed(Instant.parse("2026-11-25T12:00:00.123456Z"), ZoneOffset.UTC));
  private final Scrubber scrubber = Scrubber.withNames(List.of("alice"), List.of("alice-laptop"));

  /** Evidence that records what it was asked. */
  static final class Recording implements Evidence {
    final List<String> asked = new ArrayList<>();

    @Override
    public Environment environment() {
      asked.add("environment");
      return new Environment(
          new Environment.Os("linux", "Debian GNU/Linux", "12", "6.1.0-27-amd64", "x86_64"),
          new Environment.Stack("linux", "6.1.0-27-amd64", null, null),
          null,
          new Environment.Runtime("glibc", "2.36"),
          new Environment.Client("aria2c", "1.36.0"),
          new Environment.Shim("0.1.0", Environment.InstallMode.PRELOAD));
    }

    @Override
    public Metrics metrics() {
      asked.add("metrics");
      return new Metrics(
          10L,
          1,
          Metrics.Calls.of(
              Map.of(
                  org.shimwatch.report.CallKind.POLL,
                  new CallMetrics(1, null, null, Histogram.of(100), null, null))));
    }

    @Override
    public List<Trap> traps(boolean details) {
      asked.add("traps details=" + details);
      return List.of(
          new Trap(
              Trap.TrapSource.SHIM_SIGNAL,
              null,
              "SIGSEGV",
              1,
              null,
              null,
              null,
              "/home/alice/bin/client",
              null,
              "0x10",
              null,
              new Trap.Process("client", 1L, 1L),
              null,
              List.of(new Trap.Frame("client", null, "0x10", "main at /home/alice/src/client.c")),
              Map.of("RIP", "0x10"),
              null));
    }
  }

  private Report at(ConsentLevel level, Recording e) throws Exception {
    return assembler.assemble(
        new ConsentGate(CONSENT, level),
        new ReportAssembler.Subject(
            Source.CLI, Outcome.WORKS, "crashed in /home/alice/x on alice-laptop (10.0.0.7)", null),
        e,
        scrubber);
  }

  @Test
  void levelOneAsksOnlyForTheEnvironment() throws Exception {
    Recording e = new Recording();
    Report r = at(ConsentLevel.ENVIRONMENT, e);
    assertThat(e.asked).containsExactly("environment");
    assertThat(r.metrics()).isNull();
    assertThat(r.traps()).isNull();
    assertThat(r.consentLevel()).isEqualTo(1);
  }

  @Test
  void levelTwoAddsMetricsAndTrapsWithoutDetails() throws Exception {
    Recording e = new Recording();
    Report r = at(ConsentLevel.METRICS, e);
    assertThat(e.asked).containsExactly("metrics", "traps details=false", "environment");
    assertThat(r.metrics()).isNotNull();
    assertThat(r.traps())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames()).isNull();
              assertThat(t.registers()).isNull();
            });
  }

  @Test
  void levelThreeAddsTrapDetails() throws Exception {
    Recording e = new Recording();
    Report r = at(ConsentLevel.DIAGNOSTICS, e);
    assertThat(e.asked).contains("traps details=true");
    assertThat(r.traps().get(0).frames()).hasSize(1);
    assertThat(r.traps().get(0).registers()).containsKey("RIP");
  }

  @Test
  void levelZeroAssemblesNothing() {
    Recording e = new Recording();
    assertThatThrownBy(() -> at(ConsentLevel.NONE, e)).isInstanceOf(IllegalStateException.class);
    assertThat(e.asked).isEmpty();
  }

  @Test
  void homePathsUserAndHostNamesAndAddressesAreScrubbedBeforeQueuing() throws Exception {
    Report r = at(ConsentLevel.DIAGNOSTICS, new Recording());
    // The user name inside the host name goes first ("<user>-laptop"): either way no name is left.
    assertThat(r.comment())
        .startsWith("crashed in ~/x on <")
        .endsWith("(<ip>)")
        .doesNotContain("alice");
    assertThat(r.traps().get(0).module()).isEqualTo("client");
    assertThat(r.traps().get(0).frames().get(0).symbol()).isEqualTo("main at ~/src/client.c");
    assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00.123Z"));
  }

  @Test
  void windowsAndOs2HomePathsAreScrubbedToo() throws Exception {
    Recording e = new Recording();
    Report r =
        assembler.assemble(
            new ConsentGate(CONSENT, ConsentLevel.ENVIRONMENT),
            new ReportAssembler.Subject(
                Source.CLI,
                Outcome.OTHER,
                "see C:\\USERS\\ALICE\\bt.log and E:\\HOME\\alice\\x",
                null),
            e,
            scrubber);
    assertThat(r.comment()).doesNotContainIgnoringCase("alice").contains("~");
  }
}
