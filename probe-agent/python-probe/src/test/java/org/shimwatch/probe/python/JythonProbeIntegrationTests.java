package org.shimwatch.probe.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.python.IngestReceiver.Received;
import org.shimwatch.probe.python.ProbeHome.Ran;
import org.shimwatch.report.IngestProtocol;
import tools.jackson.databind.JsonNode;

/**
 * The probe on a real Python 2 runtime, Jython 2.7 (the nearest to EMX Python 2.3 that runs here):
 * a Python 2 select() loop client over loopback, its report checked against contract v1 and its
 * counts against the client's own, sent gzip-compressed with the installation's secret, and a trap
 * from an exception.
 */
class JythonProbeIntegrationTests {

  @TempDir Path dir;

  ProbeHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new ProbeHome(PythonRuntime.jython(), dir);
  }

  @Test
  void aPython2SelectLoopIsCountedAsTheClientCountedItAndTheReportIsSent() throws Exception {
    home.consent(2);

    Ran run =
        home.probe(
            "run",
            "--outcome",
            "works",
            "--no-send",
            "--",
            home.client("loopback_select_client.py").toString(),
            "3",
            "100000",
            "4",
            "2",
            "--poll");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.count("bytes")).isEqualTo(300000);
    JsonNode r = home.onlyReport();
    assertThat(r.path("source").asString()).isEqualTo("python");
    assertThat(r.path("environment").path("runtime").path("name").asString()).isEqualTo("Jython");
    assertThat(r.path("environment").path("runtime").path("version").asString()).startsWith("2.7");
    JsonNode select = r.path("metrics").path("calls").path("select");
    assertThat(select.path("count").asLong()).isEqualTo(run.count("select"));
    assertThat(select.path("results").path("ready").asLong()).isEqualTo(run.count("ready"));
    assertThat(select.path("results").path("timeout").asLong()).isEqualTo(run.count("timeout"));
    assertThat(select.path("anomalies").path("zeroTimeoutCalls").asLong())
        .isEqualTo(run.count("zero"));
    JsonNode poll = r.path("metrics").path("calls").path("poll");
    assertThat(poll.path("count").asLong()).isEqualTo(run.count("poll"));
    if (run.count("poll") > 0) {
      assertThat(poll.path("results").path("ready").asLong()).isEqualTo(run.count("pollReady"));
      assertThat(poll.path("results").path("timeout").asLong()).isEqualTo(run.count("pollTimeout"));
    }
    byte[] queued = Files.readAllBytes(home.outbox().get(0));

    try (IngestReceiver server = new IngestReceiver()) {
      home.env("SHIMWATCH_SERVER", server.url()).env("SHIMWATCH_KEY", "swk_jython");
      Ran submit = home.probe("submit", "--pending");

      assertThat(submit.exit()).as(submit.err()).isZero();
      Received post = server.received().get(0);
      assertThat(post.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(post.header(IngestProtocol.KEY_HEADER)).isEqualTo("swk_jython");
      assertThat(post.header(IngestProtocol.INSTALLATION_SECRET_HEADER))
          .isEqualTo(home.consentProperties().getProperty("installationSecret"));
      assertThat(post.body()).isEqualTo(queued);
      assertThat(home.outbox()).isEmpty();
    }
  }

  @Test
  void aPython2ExceptionIsATrapWithItsFrames() throws Exception {
    home.consent(3);

    Ran run = home.probe("run", "--no-send", "--", home.client("raising_client.py").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("ValueError: peer sent a bad handshake");
    JsonNode trap = home.onlyReport().path("traps").get(0);
    assertThat(trap.path("source").asString()).isEqualTo("python-exception");
    assertThat(trap.path("errorCode").asString()).isEqualTo("ValueError");
    assertThat(trap.path("frames").get(0).path("symbol").asString())
        .isEqualTo("handle_peer line 17");
    assertThat(trap.path("recentCalls").size()).isEqualTo(3);
  }

  @Test
  void atLevelZeroNothingIsWritten() throws Exception {
    Ran run = home.probe("run", "--", home.client("exiting_client.py").toString(), "3");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(home.stateFiles()).isEmpty();
  }
}
