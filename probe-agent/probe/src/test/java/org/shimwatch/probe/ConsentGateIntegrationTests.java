package org.shimwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.cli.ShimwatchCli;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.consent.ConsentStore;
import org.shimwatch.report.Outcome;

/**
 * Nothing without consent: at level 0 (never opted in, or forced by DO_NOT_TRACK=1 /
 * SHIMWATCH_TELEMETRY=off) no report is assembled, no file is written and no connection is made —
 * counted by a listening socket the probe is pointed at. Each case has a control at level 2 that
 * does connect, so the counter is known to count.
 */
class ConsentGateIntegrationTests {

  @TempDir Path tmp;

  @Test
  void libraryNeverOptedInConnectsNowhereAndWritesNothing() throws Exception {
    try (ConnectionCounter counter = new ConnectionCounter()) {
      Map<String, String> env = TestEnv.withServer(tmp, counter.url());
      Shimwatch probe = Shimwatch.builder().environment(env).client("jtorrent", "2.1.0").start();
      probe.reportOutcome(Outcome.WORKS, "it works");
      probe.close();

      assertThat(probe.consentLevel()).isEqualTo(ConsentLevel.NONE);
      assertThat(counter.accepted()).isZero();
      assertThat(tmp.resolve("state")).doesNotExist();
    }
  }

  @Test
  void libraryConnectsOnceTheUserOptsIn() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      Shimwatch probe = Shimwatch.builder().environment(env).client("jtorrent", "2.1.0").start();
      assertThat(probe.grantConsent(ConsentLevel.ENVIRONMENT)).isTrue();
      probe.reportOutcome(Outcome.WORKS, "it works");
      probe.close();

      assertThat(receiver.reports()).hasSize(1);
      assertThat(receiver.reports().get(0).path("consentLevel").asInt()).isEqualTo(1);
      assertThat(receiver.reports().get(0).has("metrics")).isFalse();
    }
  }

  @Test
  void doNotTrackOverridesAStoredOptIn() throws Exception {
    try (ConnectionCounter counter = new ConnectionCounter()) {
      Map<String, String> env = TestEnv.withServer(tmp, counter.url());
      new ConsentStore(new StateDirectory(tmp.resolve("state")).consentFile())
          .setLevel(ConsentLevel.DIAGNOSTICS);
      env.put("DO_NOT_TRACK", "1");

      Shimwatch probe = Shimwatch.builder().environment(env).client("jtorrent", null).start();
      probe.reportOutcome(Outcome.TRAPS, null);
      probe.close();
      int submit = cli(env, "submit", "--client-name", "aria2c", "--outcome", "works");

      assertThat(probe.consentLevel()).isEqualTo(ConsentLevel.NONE);
      assertThat(submit).isEqualTo(3);
      assertThat(counter.accepted()).isZero();
      assertThat(tmp.resolve("state/outbox")).doesNotExist();
    }
  }

  @Test
  void telemetryOffMakesRunJustRunTheCommand() throws Exception {
    try (ConnectionCounter counter = new ConnectionCounter()) {
      Map<String, String> env = TestEnv.withServer(tmp, counter.url());
      new ConsentStore(new StateDirectory(tmp.resolve("state")).consentFile())
          .setLevel(ConsentLevel.METRICS);
      env.put("SHIMWATCH_TELEMETRY", "off");

      int status = cli(env, "run", "--outcome", "works", "--", "sh", "-c", "exit 5");

      assertThat(status).isEqualTo(5);
      assertThat(counter.accepted()).isZero();
      assertThat(tmp.resolve("state/outbox")).doesNotExist();
      assertThat(tmp.resolve("state/runs")).doesNotExist();
    }
  }

  @Test
  void cliNeverOptedInSubmitsNothing() throws Exception {
    try (ConnectionCounter counter = new ConnectionCounter()) {
      Map<String, String> env = TestEnv.withServer(tmp, counter.url());

      int submit = cli(env, "submit", "--client-name", "aria2c", "--outcome", "works");
      int pending = cli(env, "submit", "--pending");
      int preview = cli(env, "preview", "--client-name", "aria2c");

      assertThat(List.of(submit, pending, preview)).containsOnly(3);
      assertThat(counter.accepted()).isZero();
      assertThat(tmp.resolve("state")).doesNotExist();
    }
  }

  @Test
  void javaagentWithoutConsentDoesNothingAndTheHostRunsOn() throws Exception {
    try (ConnectionCounter counter = new ConnectionCounter();
        LocalReceiver receiver = new LocalReceiver()) {
      Path agent = ChildJvm.agentJar(tmp.resolve("jar"));

      Process off = agentHost(agent, TestEnv.withServer(tmp.resolve("off"), counter.url()));
      assertThat(off.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(off.exitValue()).isEqualTo(7);
      assertThat(counter.accepted()).isZero();
      assertThat(tmp.resolve("off/state")).doesNotExist();

      // Control: the same host at level 2 reports at shutdown.
      Map<String, String> on = TestEnv.withServer(tmp.resolve("on"), receiver.base());
      new ConsentStore(Path.of(on.get("SHIMWATCH_HOME")).resolve("consent.properties"))
          .setLevel(ConsentLevel.METRICS);
      Process p = agentHost(agent, on);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(7);
      assertThat(receiver.reports()).hasSize(1);
      assertThat(receiver.reports().get(0).path("source").asString()).isEqualTo("javaagent");
      assertThat(receiver.reports().get(0).at("/environment/client/name").asString())
          .isEqualTo("AgentHost");
    }
  }

  private static Process agentHost(Path agentJar, Map<String, String> env) throws Exception {
    return ChildJvm.builder(
            List.of("-javaagent:" + agentJar),
            "org.shimwatch.probe.agent.AgentHost",
            List.of(),
            env)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  static int cli(Map<String, String> env, String... args) {
    return ShimwatchCli.execute(
        args,
        env,
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        false);
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
