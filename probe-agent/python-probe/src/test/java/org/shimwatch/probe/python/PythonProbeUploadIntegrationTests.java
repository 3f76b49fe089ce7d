package org.shimwatch.probe.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.python.IngestReceiver.Answer;
import org.shimwatch.probe.python.IngestReceiver.Received;
import org.shimwatch.probe.python.ProbeHome.Ran;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * Sending and deleting as the Java probe does it, against a loopback stand-in for the server: gzip
 * bodies with the ingest key and the installation secret, sent reports moved aside with their
 * receipts, refusals kept apart, a server's Retry-After honoured by the next commands, and {@code
 * forget} deleting on the server before anything here.
 */
class PythonProbeUploadIntegrationTests {

  @TempDir Path dir;

  ProbeHome home;
  IngestReceiver server;

  @BeforeEach
  void setUp() throws IOException {
    home = new ProbeHome(PythonRuntime.python3(), dir);
    server = new IngestReceiver();
    home.env("SHIMWATCH_SERVER", server.url()).env("SHIMWATCH_KEY", "swk_test_key");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void submitPendingPostsTheQueuedBytesGzippedWithKeyAndSecretAndMovesThemToSent()
      throws Exception {
    home.consent(2);
    home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "0");
    Path queued = home.outbox().get(0);
    byte[] queuedBytes = Files.readAllBytes(queued);

    Ran submit = home.probe("submit", "--pending");

    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(submit.err()).contains("sent 1 report(s)");
    List<Received> got = server.received();
    assertThat(got).hasSize(1);
    Received post = got.get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo(IngestProtocol.reportsPath("default"));
    assertThat(post.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(post.header("Content-Type")).isEqualTo("application/json");
    assertThat(post.header(IngestProtocol.KEY_HEADER)).isEqualTo("swk_test_key");
    Properties consent = home.consentProperties();
    assertThat(post.header(IngestProtocol.INSTALLATION_SECRET_HEADER))
        .isEqualTo(consent.getProperty("installationSecret"))
        .matches("[A-Za-z0-9_-]{43}");
    assertThat(post.body()).isEqualTo(queuedBytes);
    assertThat(home.outbox()).isEmpty();
    Path sent = home.state().resolve("sent").resolve(queued.getFileName());
    assertThat(sent).hasBinaryContent(queuedBytes);
    String name = queued.getFileName().toString();
    JsonNode receipt =
        ReportJson.mapper()
            .readTree(
                Files.readAllBytes(
                    sent.resolveSibling(name.substring(0, name.length() - 5) + ".receipt.json")));
    assertThat(receipt.path("reportId").asString())
        .isEqualTo(post.json().path("reportId").asString());
    assertThat(receipt.path("duplicate").asBoolean()).isFalse();
  }

  @Test
  void runSendsItsReportRightAway() throws Exception {
    home.consent(2);

    Ran run =
        home.probe(
            "run", "--outcome", "works", "--", home.client("exiting_client.py").toString(), "0");

    assertThat(run.exit()).isZero();
    assertThat(server.received()).hasSize(1);
    assertThat(server.received().get(0).json().path("outcome").asString()).isEqualTo("works");
    assertThat(home.outbox()).isEmpty();
  }

  @Test
  void aServersRetryAfterHoldsEveryCommandUntilItHasPassed() throws Exception {
    home.consent(2);
    home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "0");
    server.then(Answer.problem(429, "rate-limited", Map.of("Retry-After", "120")));

    Ran first = home.probe("submit", "--pending");

    assertThat(first.exit()).isEqualTo(4);
    assertThat(first.err()).contains("1 report(s) still queued").contains("429 rate-limited");
    assertThat(server.received()).hasSize(1);

    Ran second = home.probe("submit", "--pending");
    Ran run = home.probe("run", "--", home.client("exiting_client.py").toString(), "0");
    Ran status = home.probe("status");

    assertThat(second.exit()).isEqualTo(4);
    assertThat(second.err()).contains("the server asked to wait until");
    assertThat(run.exit()).isZero();
    assertThat(server.received()).as("no request while the server said to wait").hasSize(1);
    assertThat(home.outbox()).hasSize(2);
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.out()).contains("the server asked to wait until");
    Properties s = properties(home.state().resolve("status.properties"));
    Instant until = Instant.parse(s.getProperty("retryAfterUntil"));
    assertThat(until).isBetween(Instant.now().plusSeconds(100), Instant.now().plusSeconds(121));

    // The wait is over (the status file says when it ends; a test cannot wait two minutes).
    s.setProperty("retryAfterUntil", Instant.now().minusSeconds(1).toString());
    try (var w = Files.newBufferedWriter(home.state().resolve("status.properties"))) {
      s.store(w, null);
    }
    Ran third = home.probe("submit", "--pending");

    assertThat(third.exit()).as(third.err()).isZero();
    assertThat(server.received()).hasSize(3);
    assertThat(home.outbox()).isEmpty();
    assertThat(properties(home.state().resolve("status.properties")).getProperty("retryAfterUntil"))
        .isNull();
  }

  @Test
  void aReportTheServerRejectsIsMovedToRejectedWithTheReason() throws Exception {
    home.consent(2);
    home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "0");
    Path queued = home.outbox().get(0);
    server.then(Answer.problem(400, "schema-violation", Map.of()));

    Ran submit = home.probe("submit", "--pending");

    assertThat(submit.exit()).isZero();
    assertThat(submit.err()).contains("refused 1 report(s) for good");
    Path rejected = home.state().resolve("rejected").resolve(queued.getFileName());
    assertThat(rejected).exists();
    String name = queued.getFileName().toString();
    JsonNode reason =
        ReportJson.mapper()
            .readTree(
                Files.readAllBytes(
                    rejected.resolveSibling(
                        name.substring(0, name.length() - 5) + ".reason.json")));
    assertThat(reason.path("status").asInt()).isEqualTo(400);
    assertThat(reason.path("reason").asString())
        .isEqualTo("400 schema-violation: scripted schema-violation");
  }

  @Test
  void aRefusedKeyKeepsEveryReportAndStatusSaysWhatToFix() throws Exception {
    home.consent(2);
    home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "0");
    home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "0");
    server.then(Answer.problem(401, "unknown-key", Map.of()));

    Ran submit = home.probe("submit", "--pending");
    Ran status = home.probe("status");

    assertThat(submit.exit()).isEqualTo(4);
    assertThat(server.received()).hasSize(1);
    assertThat(home.outbox()).hasSize(2);
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.out()).contains("check the ingest key").contains("queued: 2 report(s)");
  }

  @Test
  void forgetAsksTheServerToDeleteWithTheSecretThenWipesTheStateHere() throws Exception {
    home.consent(3);
    home.probe("run", "--", home.client("exiting_client.py").toString(), "0");
    Properties consent = home.consentProperties();
    String id = consent.getProperty("installationId");

    Ran forget = home.probe("forget", "--yes");

    assertThat(forget.exit()).as(forget.err()).isZero();
    assertThat(forget.out()).contains("server: deleted 1 report(s) of installation " + id);
    Received delete = server.received().get(1);
    assertThat(delete.method()).isEqualTo("DELETE");
    assertThat(delete.path()).isEqualTo(IngestProtocol.installationPath(id));
    assertThat(delete.header(IngestProtocol.INSTALLATION_SECRET_HEADER))
        .isEqualTo(consent.getProperty("installationSecret"));
    assertThat(home.stateFiles()).isEmpty();
    assertThat(home.probe("consent").out()).contains("consent: level 0");
  }

  @Test
  void forgetDeletesNothingHereWhenTheServerRefuses() throws Exception {
    home.consent(2);
    home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "0");
    server.then(Answer.problem(403, "wrong-secret", Map.of()));

    Ran forget = home.probe("forget", "--yes");

    assertThat(forget.exit()).isEqualTo(1);
    assertThat(forget.err()).contains("the server refused to delete (403 wrong-secret");
    assertThat(home.stateFiles()).contains("consent.properties");
    assertThat(home.outbox()).hasSize(1);
  }

  @Test
  void theStateIsTheJavaProbesFormat() throws Exception {
    home.consent(2);
    home.probe("run", "--no-send", "--", home.client("exiting_client.py").toString(), "0");
    home.probe("consent", "--level", "1");

    Properties consent = home.consentProperties();
    assertThat(consent.stringPropertyNames())
        .containsExactlyInAnyOrder("level", "installationId", "installationSecret");
    assertThat(consent.getProperty("level")).isEqualTo("1");
    assertThat(consent.getProperty("installationId"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    // Lowering consent to 1 dropped the level-2 report, and said so where the Java probe does.
    assertThat(home.outbox()).isEmpty();
    assertThat(Files.readString(home.state().resolve("dropped.log"), StandardCharsets.UTF_8))
        .contains("consent lowered to level 1");
    if (Files.getFileStore(home.state()).supportsFileAttributeView("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(home.state().resolve("consent.properties"))))
          .isEqualTo("rw-------");
    }
  }

  private static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return p;
  }
}
