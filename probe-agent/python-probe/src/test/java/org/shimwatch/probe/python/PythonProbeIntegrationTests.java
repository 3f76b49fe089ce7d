package org.shimwatch.probe.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.python.ProbeHome.Ran;
import tools.jackson.databind.JsonNode;

/**
 * The probe under python3 around real clients: select() loops moving data over loopback and an HTTP
 * download from Python's own http.server. Every report must pass contract v1 (the Java validator)
 * and its counts must equal what the client itself counted.
 */
class PythonProbeIntegrationTests {

  @TempDir Path dir;

  ProbeHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new ProbeHome(PythonRuntime.python3(), dir);
  }

  @Test
  void selectAndPollCountsInTheReportAreTheClientsOwn() throws Exception {
    home.consent(2);

    Ran run =
        home.probe(
            "run",
            "--outcome",
            "works",
            "--no-send",
            "--",
            home.client("loopback_select_client.py").toString(),
            "4",
            "300000",
            "6",
            "4",
            "--poll");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.count("bytes")).isEqualTo(4 * 300000);
    JsonNode r = home.onlyReport();
    assertThat(r.path("source").asString()).isEqualTo("python");
    assertThat(r.path("consentLevel").asInt()).isEqualTo(2);
    assertThat(r.path("outcome").asString()).isEqualTo("works");
    assertThat(r.path("environment").path("runtime").path("name").asString()).isEqualTo("CPython");
    assertThat(r.path("environment").path("client").path("name").asString())
        .isEqualTo("loopback_select_client");
    JsonNode select = r.path("metrics").path("calls").path("select");
    assertThat(select.path("count").asLong()).isEqualTo(run.count("select"));
    assertThat(select.path("results").path("ready").asLong()).isEqualTo(run.count("ready"));
    assertThat(select.path("results").path("timeout").asLong()).isEqualTo(run.count("timeout"));
    assertThat(select.path("anomalies").path("zeroTimeoutCalls").asLong())
        .isEqualTo(run.count("zero"));
    assertThat(total(select.path("latency"))).isEqualTo(run.count("select"));
    assertThat(total(select.path("timeoutOvershoot"))).isEqualTo(run.count("timeout"));
    // Eight sockets and the listener: select() saw descriptors well above 2.
    assertThat(select.path("anomalies").path("maxNfds").asLong()).isGreaterThan(8);
    JsonNode poll = r.path("metrics").path("calls").path("poll");
    assertThat(poll.path("count").asLong()).isEqualTo(run.count("poll"));
    assertThat(poll.path("results").path("ready").asLong()).isEqualTo(run.count("pollReady"));
    assertThat(poll.path("results").path("timeout").asLong()).isEqualTo(run.count("pollTimeout"));
    assertThat(total(poll.path("latency"))).isEqualTo(run.count("poll"));
    // The 2 ms poll() timeouts: nothing returns before its time, so no call is below 2 ms.
    assertThat(poll.path("latency").path("maxNs").asLong()).isGreaterThanOrEqualTo(2_000_000L);
    assertThat(r.has("traps")).isFalse();
  }

  @Test
  void anHttpDownloadFromPythonsHttpServerIsCountedAsTheClientCountedIt() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(23).nextBytes(content);
    Files.write(served.resolve("file.bin"), content);
    int port = freePort();
    Process server =
        new ProcessBuilder(
                PythonRuntime.python3().command().get(0),
                "-m",
                "http.server",
                "--bind",
                "127.0.0.1",
                "--directory",
                served.toString(),
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("http-server.log").toFile())
            .start();
    try {
      waitForPort(port);
      home.consent(3);

      Ran run =
          home.probe(
              "run",
              "--outcome",
              "works",
              "--no-send",
              "--",
              home.client("http_select_download.py").toString(),
              Integer.toString(port),
              "/file.bin");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.count("bytes")).isEqualTo(content.length);
      assertThat(run.clientCounts().get("sha256"))
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
      JsonNode select = home.onlyReport().path("metrics").path("calls").path("select");
      assertThat(select.path("count").asLong()).isEqualTo(run.count("select"));
      assertThat(select.path("results").path("ready").asLong()).isEqualTo(run.count("ready"));
      assertThat(select.path("results").has("timeout")).isFalse();
      assertThat(total(select.path("latency"))).isEqualTo(run.count("select"));
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void atLevelZeroTheClientRunsAndNothingIsWritten() throws Exception {
    Ran run =
        home.probe(
            "run",
            "--",
            home.client("loopback_select_client.py").toString(),
            "2",
            "1000",
            "1",
            "1");

    assertThat(run.exit()).isZero();
    assertThat(run.count("bytes")).isEqualTo(2000);
    assertThat(home.stateFiles()).isEmpty();
    assertThat(home.probe("preview").exit()).isEqualTo(3);
    assertThat(home.probe("submit", "--pending").exit()).isEqualTo(3);
    assertThat(home.stateFiles()).isEmpty();
  }

  @Test
  void doNotTrackAndTelemetryOffForceLevelZero() throws Exception {
    home.consent(3);
    for (String[] variable :
        new String[][] {{"DO_NOT_TRACK", "1"}, {"SHIMWATCH_TELEMETRY", "off"}}) {
      home.env(variable[0], variable[1]);

      Ran run = home.probe("run", "--", home.client("exiting_client.py").toString(), "0");

      assertThat(run.exit()).isZero();
      assertThat(home.outbox()).isEmpty();
      assertThat(home.stateFiles()).containsExactly("consent.properties");
      Ran consent = home.probe("consent");
      assertThat(consent.out())
          .contains("in force: level 0, because " + String.join("=", variable));
      home.env(variable[0], null);
    }
  }

  @Test
  void atLevelOneTheReportCarriesTheEnvironmentOnly() throws Exception {
    home.consent(1);

    Ran run =
        home.probe(
            "run",
            "--no-send",
            "--comment",
            "works from /home/alice/bt on 192.168.1.20",
            "--",
            home.client("raising_client.py").toString());

    assertThat(run.exit()).isEqualTo(1);
    JsonNode r = home.onlyReport();
    assertThat(r.path("consentLevel").asInt()).isEqualTo(1);
    assertThat(r.has("metrics")).isFalse();
    assertThat(r.has("traps")).isFalse();
    assertThat(r.path("outcome").asString()).isEqualTo("unknown");
    assertThat(r.path("comment").asString()).isEqualTo("works from ~/bt on <ip>");
    assertThat(r.path("environment").path("os").path("family").asString()).isEqualTo("linux");
  }

  @Test
  void anExceptionThatEndsTheClientIsATrapWithItsFramesAtLevelThree() throws Exception {
    home.consent(3);

    Ran run = home.probe("run", "--no-send", "--", home.client("raising_client.py").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("Traceback (most recent call last)")
        .contains("ValueError: peer sent a bad handshake")
        .doesNotContain("shimwatch_probe.py\", line");
    JsonNode trap = home.onlyReport().path("traps").get(0);
    assertThat(trap.path("source").asString()).isEqualTo("python-exception");
    assertThat(trap.path("errorCode").asString()).isEqualTo("ValueError");
    assertThat(trap.path("module").asString()).isEqualTo("raising_client.py");
    assertThat(trap.path("frames").get(0).path("symbol").asString())
        .isEqualTo("handle_peer line 17");
    assertThat(trap.path("frames").get(1).path("symbol").asString()).isEqualTo("main line 24");
    assertThat(trap.path("frames").size()).isEqualTo(3);
    JsonNode recent = trap.path("recentCalls");
    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.get(2).path("call").asString()).isEqualTo("select");
    assertThat(recent.get(2).path("timeoutNs").asLong()).isEqualTo(1_000_000L);
    assertThat(recent.get(2).path("result").asLong()).isZero();
  }

  @Test
  void atLevelTwoTheTrapHasNoFramesOrRecentCalls() throws Exception {
    home.consent(2);

    home.probe("run", "--no-send", "--", home.client("raising_client.py").toString());

    JsonNode trap = home.onlyReport().path("traps").get(0);
    assertThat(trap.path("errorCode").asString()).isEqualTo("ValueError");
    assertThat(trap.has("frames")).isFalse();
    assertThat(trap.has("recentCalls")).isFalse();
  }

  @Test
  void theClientsExitStatusIsTheCommandsAndItsReportIsQueued() throws Exception {
    home.consent(2);

    Ran run =
        home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "7");

    assertThat(run.exit()).isEqualTo(7);
    assertThat(home.onlyReport().path("metrics").path("calls").path("select").path("count").asInt())
        .isEqualTo(1);
  }

  @Test
  void aScriptThatIsNotThereIsExitStatus127AndNoReport() throws Exception {
    home.consent(2);

    Ran run = home.probe("run", "--", dir.resolve("nothing.py").toString());

    assertThat(run.exit()).isEqualTo(127);
    assertThat(run.err()).contains("no such script");
    assertThat(home.outbox()).isEmpty();
  }

  private static long total(JsonNode histogram) {
    long n = 0;
    Iterator<Map.Entry<String, JsonNode>> it = histogram.path("buckets").properties().iterator();
    while (it.hasNext()) {
      n += it.next().getValue().asLong();
    }
    return n;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (var s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("http.server did not listen on port " + port + " within 30 s");
  }
}
