package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * {@code shimwatch check} against a real HTTP server on loopback: it shows the exact JSON, asks,
 * works at consent level 0 and with DO_NOT_TRACK, sends no key, installation id or secret, and
 * leaves nothing behind.
 */
class CheckCommandTests {

  @TempDir Path tmp;

  record Result(int status, String out, String err) {}

  private static Result cli(
      Map<String, String> env, String stdin, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        ShimwatchCli.execute(
            args,
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            interactive);
    return new Result(status, out.toString(), err.toString());
  }

  /** An answer as the server gives it, shortened. */
  static final String ANSWER =
      "{\"project\":\"default\",\"minInstallations\":3,\"readable\":true,\"understood\":[],"
          + "\"unread\":[],\"setup\":{\"osFamily\":\"os2\",\"platform\":\"eComStation 1.1\","
          + "\"stack\":\"os2-tcpip 4.3\",\"fixLevel\":\"UN02200, no NEWSTACK\",\"fixes\":[]},"
          + "\"row\":{\"key\":\"k\",\"platform\":\"eComStation 1.1\",\"stack\":\"os2-tcpip 4.3\","
          + "\"fixLevel\":\"UN02200, no NEWSTACK\",\"tier\":\"broken\",\"reports\":20,"
          + "\"installations\":6,\"successes\":4,\"judged\":20,\"successLowerBound\":0.08,"
          + "\"successUpperBound\":0.42,\"trapReportShare\":0.0},\"nearest\":[],\"yourFixes\":[],"
          + "\"bestMissingFix\":{\"fix\":\"newstack:NEWSTACK\",\"shown\":true,\"with\":{\"successes\":30,"
          + "\"judged\":31,\"lower\":0.84,\"upper\":0.99},\"without\":{\"successes\":4,\"judged\":20,"
          + "\"lower\":0.08,\"upper\":0.42},\"goesWithSuccess\":true},\"prerequisites\":[],"
          + "\"install\":{\"mode\":\"side-dir-after-lib-dynload\",\"strategy\":\"inactive\","
          + "\"meaning\":\"the shim would not load\",\"notes\":[]},\"advice\":[],\"stored\":false}";

  private static LocalReceiver.Answer answer() {
    return new LocalReceiver.Answer(200, "application/json", ANSWER, Map.of());
  }

  private Path artefact() throws IOException {
    Path f = tmp.resolve("pasted.txt");
    Files.writeString(
        f,
        "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\r\n"
            + "     IBM TCP/IP Version 4.3 for OS/2\r\n"
            + "     Version 4.30     Component ID 5639B0900\r\n"
            + "     Current CSD level: UN02200\r\n"
            + "     Prior   CSD level: UN02101\r\n"
            + "\r\n"
            + "SET PYTHONPATH=D:\\PYTHON23\\Lib;D:\\PYTHON23\\Lib\\lib-dynload;D:\\PYTHON23\\Lib\\exp-dynload\r\n");
    return f;
  }

  private static List<String> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }

  @Test
  void atConsentLevelZeroItShowsTheJsonAsksAndSendsOnlyThat() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      receiver.then(answer());
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      env.put("DO_NOT_TRACK", "1");

      Result r =
          cli(env, "y\n", true, "check", "--artefact", artefact().toString(), "--fixes", "UN02200");

      assertThat(r.status).as(r.err).isZero();
      assertThat(r.err)
          .contains(
              "this is exactly what will be sent to "
                  + receiver.base()
                  + "/api/v1/projects/default/check")
          .contains("send it? [y/N]");
      assertThat(receiver.received()).hasSize(1);
      LocalReceiver.Received q = receiver.received().get(0);
      assertThat(q.method()).isEqualTo("POST");
      assertThat(q.path()).isEqualTo("/api/v1/projects/default/check");
      assertThat(q.header("Shimwatch-Key")).isNull();
      assertThat(q.header("Shimwatch-Installation-Secret")).isNull();
      String sent = new String(q.body(), StandardCharsets.UTF_8);
      // Exactly the bytes shown.
      assertThat(r.err).contains(sent);
      JsonNode body = ReportJson.mapper().readTree(sent);
      assertThat(body.at("/environment/os/family").asString()).isEqualTo("os2");
      assertThat(body.at("/environment/stack/level").asString()).isEqualTo("UN02200");
      assertThat(body.get("fixes").asString()).isEqualTo("UN02200");
      assertThat(sent).doesNotContain("installationId").doesNotContain("PYTHON23");
      assertThat(r.out)
          .contains("Your setup: eComStation 1.1, os2-tcpip 4.3, fix level UN02200, no NEWSTACK")
          .contains("Your row: broken, 4 of 20 succeeded (8%–42% at 95%), 6 installations")
          .contains("Missing fix that goes with success most: newstack:NEWSTACK, with it 30 of 31")
          .contains("Install layout: the shim would not load")
          .contains("Nothing was stored");
      // Nothing kept here: no consent, no installation id, no outbox.
      assertThat(filesUnder(tmp.resolve("state"))).isEmpty();
    }
  }

  @Test
  void withoutATerminalItNeedsYesAndNoSendsNothing() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());

      Result scripted = cli(env, "", false, "check", "--platform", "os2", "--stack", "4.3");
      assertThat(scripted.status).isEqualTo(2);
      assertThat(scripted.err).contains("add --yes").contains("\"platform\" : \"os2\"");

      Result no = cli(env, "n\n", true, "check", "--platform", "os2");
      assertThat(no.status).isEqualTo(2);
      assertThat(no.err).contains("not sent");
      assertThat(receiver.received()).isEmpty();

      receiver.then(answer());
      Result yes = cli(env, "", false, "check", "--platform", "os2", "--yes", "--json");
      assertThat(yes.status).as(yes.err).isZero();
      assertThat(ReportJson.mapper().readTree(yes.out).get("stored").asBoolean()).isFalse();
      assertThat(receiver.received()).hasSize(1);
      // This machine's environment goes with the picks (the probe reads it as for a report).
      assertThat(receiver.received().get(0).json().at("/environment/os/family").asString())
          .isNotEmpty();
      assertThat(filesUnder(tmp.resolve("state"))).isEmpty();
    }
  }

  @Test
  void aRefusalOrNoServerIsAnErrorWithTheServersReason() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      receiver.then(LocalReceiver.Answer.problem(400, "unknown-platform"));
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      Result r = cli(env, "", false, "check", "--platform", "Plan 9", "--yes");
      assertThat(r.status).isEqualTo(1);
      assertThat(r.err).contains("unknown-platform").doesNotContain("at org.");
    }
    Result none = cli(TestEnv.in(tmp), "", false, "check", "--yes");
    assertThat(none.status).isEqualTo(2);
    assertThat(none.err).contains("no server URL is configured");

    Result stdin = cli(TestEnv.in(tmp), "", true, "check", "--artefact", "-");
    assertThat(stdin.status).isEqualTo(2);
    assertThat(stdin.err).contains("add --yes");
  }
}
