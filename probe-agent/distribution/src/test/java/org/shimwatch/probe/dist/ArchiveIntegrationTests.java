package org.shimwatch.probe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.testing.MissingPart;
import tools.jackson.databind.JsonNode;

/**
 * The archive as a user unpacks it: its layout, and {@code bin/shimwatch run} handled by the
 * launcher itself (the client started at once, the report made, queued and sent in the background
 * afterwards), against a receiver on loopback.
 */
class ArchiveIntegrationTests {

  private static final Duration REPORT_WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private Path home;
  private Path shimwatch;
  private String python;

  @BeforeEach
  void unpack() throws Exception {
    home = Distribution.unpack(tmp.resolve("opt"));
    shimwatch = home.resolve("bin/shimwatch");
    python = Shell.python3();
  }

  @AfterEach
  void finishersDone() throws InterruptedException {
    Distribution.awaitFinishers(tmp.resolve("state"));
  }

  @Test
  void theArchiveHoldsTheLauncherLibrariesManualPageAndCompletions() throws Exception {
    assertThat(Files.getPosixFilePermissions(shimwatch))
        .contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(home.resolve("lib/shimwatch.jar")).isRegularFile();
    assertThat(home.resolve("lib/libshimwatch.so")).isRegularFile();
    assertThat(home.resolve("share/bash-completion/completions/shimwatch")).isRegularFile();
    assertThat(home.resolve("share/shimwatch/shimwatch_probe.py"))
        .content()
        .contains("def main(argv)");
    assertThat(home.resolve("share/zsh/site-functions/_shimwatch"))
        .content()
        .startsWith("#compdef shimwatch");
    String man;
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(home.resolve("share/man/man1/shimwatch.1.gz")))) {
      man = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(man)
        .contains(".TH SHIMWATCH 1")
        .contains(".SS \"shimwatch run")
        .contains("\\-\\-outcome");
    Shell.Result version =
        Shell.run(Distribution.userEnvironment(tmp), shimwatch.toString(), "--version");
    assertThat(version.status()).as(version.err()).isZero();
    assertThat(version.out().strip()).isEqualTo("shimwatch " + Distribution.version());
  }

  @Test
  void runPassesTheClientThroughAndItsReportArrivesAfterwards() throws Exception {
    requirePython();
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = consented(receiver, 2);

      Shell.Result run =
          Shell.run(
              env,
              null,
              "through the shim\n",
              command("run", "--outcome", "works", "--", Shell.selectClient(tmp, python, 200, 7)));

      assertThat(run.status()).as(run.err()).isEqualTo(7);
      assertThat(run.out()).isEqualTo("through the shim\n");
      // The launcher ran it itself, and left the report to the background.
      assertThat(run.err()).contains("in the background");
      List<JsonNode> reports = receiver.awaitReports(1, REPORT_WAIT);
      assertThat(reports).as(log()).hasSize(1);
      JsonNode report = reports.get(0);
      assertThat(ReportValidator.instance().validate(report)).isEmpty();
      assertThat(report.path("consentLevel").asInt()).isEqualTo(2);
      assertThat(report.path("outcome").asString()).isEqualTo("works");
      assertThat(report.at("/environment/client/name").asString()).startsWith("python");
      assertThat(report.at("/environment/shim/installMode").asString()).isEqualTo("preload");
      assertThat(report.at("/metrics/calls/select/count").asLong()).isGreaterThanOrEqualTo(200);
      assertThat(report.at("/metrics/durationMs").asLong()).isPositive();
      awaitEmpty(tmp.resolve("state/runs"));
    }
  }

  @Test
  void atLevelOneTheShimOnlyPassesCallsThrough() throws Exception {
    requirePython();
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = consented(receiver, 1);

      Shell.Result run =
          Shell.run(
              env,
              null,
              "",
              command("run", "--outcome", "other", "--", Shell.selectClient(tmp, python, 20, 0)));

      assertThat(run.status()).as(run.err()).isZero();
      List<JsonNode> reports = receiver.awaitReports(1, REPORT_WAIT);
      assertThat(reports).as(log()).hasSize(1);
      assertThat(reports.get(0).path("consentLevel").asInt()).isEqualTo(1);
      assertThat(reports.get(0).has("metrics")).isFalse();
    }
  }

  @Test
  void aCrashedClientHearsOfItsKnownIssueBeforeThePromptReturns() throws Exception {
    String issues =
        ",\"knownIssues\":[{\"title\":\"Crash after select() on a closed socket\","
            + "\"workaround\":\"Set SHIMWATCH_DISABLE=1 until 1.4\",\"fixedIn\":\"1.4\","
            + "\"link\":\"/known-issues/default#advice-7\"}]";
    try (Receiver receiver = new Receiver(issues)) {
      Map<String, String> env = consented(receiver, 3);

      Shell.Result crashed =
          Shell.run(
              env,
              null,
              "",
              command("run", "--outcome", "traps", "--", "sh", "-c", "kill -SEGV $$"));

      assertThat(crashed.status()).as(crashed.err()).isEqualTo(128 + 11);
      assertThat(crashed.err())
          .as(log())
          .contains(
              "shimwatch: known issue: Crash after select() on a closed socket \u2014 workaround:"
                  + " Set SHIMWATCH_DISABLE=1 until 1.4 (fixed in 1.4) "
                  + receiver.base()
                  + "/known-issues/default#advice-7");

      // A client that ends well is not kept waiting for the receipt, whatever it would say.
      Shell.Result fine =
          Shell.run(env, null, "", command("run", "--outcome", "works", "--", "true"));
      assertThat(fine.status()).isZero();
      assertThat(fine.err()).doesNotContain("known issue");
      assertThat(receiver.awaitReports(2, REPORT_WAIT)).as(log()).hasSize(2);
    }
  }

  @Test
  void atLevelZeroTheClientRunsAndNothingIsWritten() throws Exception {
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = Distribution.userEnvironment(tmp);
      env.put("SHIMWATCH_SERVER", receiver.base().toString());

      Shell.Result run =
          Shell.run(env, null, "x\n", command("run", "--", "sh", "-c", "cat; exit 4"));

      assertThat(run.status()).isEqualTo(4);
      assertThat(run.out()).isEqualTo("x\n");
      assertThat(tmp.resolve("state")).doesNotExist();
      Thread.sleep(500);
      assertThat(receiver.reports()).isEmpty();
    }
  }

  @Test
  void aClientThatCannotBeFoundEndsWith127AndNoReport() throws Exception {
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = consented(receiver, 2);

      Shell.Result run = Shell.run(env, null, "", command("run", "--", "no-such-client-anywhere"));

      assertThat(run.status()).isEqualTo(127);
      assertThat(run.err()).contains("no-such-client-anywhere: command not found");
      // Nothing was started: no run record, no spool.
      assertThat(count(tmp.resolve("state/runs"))).isZero();
    }
  }

  @Test
  void sigtermGoesToTheClientAndTheRunIsStillReported() throws Exception {
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = consented(receiver, 2);
      ProcessBuilder pb =
          new ProcessBuilder(command("run", "--outcome", "other", "--", "sleep", "60"));
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      Process launcher = pb.start();
      // The client is running once its spool exists.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end && count(tmp.resolve("state/runs")) == 0) {
        Thread.sleep(10);
      }
      Thread.sleep(200);
      launcher.destroy(); // SIGTERM to the launcher alone

      assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(launcher.exitValue()).isEqualTo(128 + 15);
      assertThat(receiver.awaitReports(1, REPORT_WAIT)).as(log()).hasSize(1);
    }
  }

  @Test
  void aRunWhoseFinisherWasStoppedIsReportedByTheNextCommand() throws Exception {
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = consented(receiver, 1);
      Path runs = Files.createDirectories(tmp.resolve("state/runs"));
      // What the launcher leaves when the background finisher is killed before it queued.
      Files.writeString(
          runs.resolve("0b7e9c52-5d2a-4a53-9f43-0d6b4a6c2f10.run"),
          "version=1\nstarted=1765000000000\nended=1765000004000\nstatus=0\noutcome=works\n"
              + "comment=left behind\nclient-name=aria2c\nclient-version=1.37.0\narg=aria2c\narg=-h\n");

      Shell.Result submit = Shell.run(env, shimwatch.toString(), "submit", "--pending");

      assertThat(submit.status()).as(submit.err()).isZero();
      assertThat(receiver.reports()).hasSize(1);
      JsonNode report = receiver.reports().get(0);
      assertThat(report.path("comment").asString()).isEqualTo("left behind");
      assertThat(report.at("/environment/client/version").asString()).isEqualTo("1.37.0");
      assertThat(Files.list(runs).count()).isZero();
    }
  }

  @Test
  void optionsTheLauncherDoesNotKnowGoToTheJavaRun() throws Exception {
    Map<String, String> env = consented(null, 2);

    Shell.Result run = Shell.run(env, shimwatch.toString(), "run", "--frobnicate", "--", "true");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void atATerminalTheOutcomeQuestionIsAskedAndAnswered() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
      MissingPart.skipOrFail("this test needs script(1) for a terminal (Debian package bsdutils)");
    }
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = consented(receiver, 1);
      String line = "'" + shimwatch + "' run -- true";

      Shell.Result run =
          Shell.run(
              env, null, "1\nall fine\n", List.of("/usr/bin/script", "-qec", line, "/dev/null"));

      assertThat(run.out()).contains("how did it go?").contains("comment for the maintainer");
      List<JsonNode> reports = receiver.awaitReports(1, REPORT_WAIT);
      assertThat(reports).as(run.out() + log()).hasSize(1);
      assertThat(reports.get(0).path("outcome").asString()).isEqualTo("works");
      assertThat(reports.get(0).path("comment").asString()).isEqualTo("all fine");
    }
  }

  /** bin/shimwatch and its arguments: strings, or lists of them (a client's command line). */
  private List<String> command(Object... parts) {
    List<String> c = new ArrayList<>();
    c.add(shimwatch.toString());
    for (Object p : parts) {
      if (p instanceof List<?> l) {
        l.forEach(w -> c.add(w.toString()));
      } else {
        c.add(p.toString());
      }
    }
    return c;
  }

  /** A user at consent {@code level}, sending to {@code receiver} (or nowhere). */
  private Map<String, String> consented(Receiver receiver, int level) throws Exception {
    Map<String, String> env = Distribution.userEnvironment(tmp);
    if (receiver != null) {
      env.put("SHIMWATCH_SERVER", receiver.base().toString());
      env.put("SHIMWATCH_KEY", "swk_testkey0123456789");
    }
    Shell.Result consent =
        Shell.run(env, shimwatch.toString(), "consent", "--level", Integer.toString(level));
    assertThat(consent.status()).as(consent.err()).isZero();
    return env;
  }

  private String log() {
    try {
      Path log = tmp.resolve("state/finish.log");
      return Files.exists(log) ? "finish.log:\n" + Files.readString(log) : "(no finish.log)";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void awaitEmpty(Path dir) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isEmpty()) {
          return;
        }
      }
      Thread.sleep(20);
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).as("left in " + dir).isEmpty();
    }
  }

  private static long count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private void requirePython() {
    if (python == null) {
      MissingPart.skipOrFail("this test needs python3 (Debian package python3) for its client");
    }
  }
}
