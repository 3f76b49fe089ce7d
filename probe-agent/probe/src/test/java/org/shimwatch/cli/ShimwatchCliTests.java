package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.testing.PrivacySample;
import tools.jackson.databind.JsonNode;

/**
 * The commands in process: help, exit statuses, consent, preview, submit, status, history, forget.
 */
class ShimwatchCliTests {

  @TempDir Path tmp;

  record Result(int status, String out, String err) {}

  static Result cli(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        ShimwatchCli.execute(
            args,
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            false);
    return new Result(status, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run", "consent", "preview", "submit", "status", "history", "forget", "inspect", "check",
        "doctor"
      })
  void everyCommandHasHelpWithItsExitStatuses(String command) {
    Result r = cli(TestEnv.in(tmp), "", command, "--help");
    assertThat(r.status).isZero();
    assertThat(r.out).contains("Usage: shimwatch " + command).contains("Exit status:");
  }

  @Test
  void badFlagsAreUsageErrorsWithoutStackTraces() {
    Result unknown = cli(TestEnv.in(tmp), "", "status", "--frobnicate");
    assertThat(unknown.status).isEqualTo(2);
    assertThat(unknown.err).contains("Unknown option: '--frobnicate'").doesNotContain("at org.");

    Result level = cli(TestEnv.in(tmp), "", "consent", "--level", "5");
    assertThat(level.status).isEqualTo(2);
    assertThat(level.err).contains("consent level 5 does not exist");

    Map<String, String> env = TestEnv.in(tmp);
    env.put("SHIMWATCH_SERVER", "gopher://x");
    Result server = cli(env, "", "status");
    assertThat(server.status).isEqualTo(2);
    assertThat(server.err)
        .contains("SHIMWATCH_SERVER: 'gopher://x' is not an http:// or https:// URL");
  }

  @Test
  void aDamagedConsentFileIsReportedAndLeftAsItIs() throws Exception {
    Path file = tmp.resolve("state/consent.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "level=banana\n");

    Result r = cli(TestEnv.in(tmp), "", "consent", "--level", "2");

    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("level 'banana' is not 0, 1, 2 or 3");
    assertThat(Files.readString(file)).isEqualTo("level=banana\n");
  }

  @Test
  void previewShowsExactlyWhatSubmitSendsAndSubmitSendsIt() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      assertThat(cli(env, "", "consent", "--level", "1").out).contains("installation: ");

      Result preview =
          cli(
              env,
              "",
              "preview",
              "--client-name",
              "aria2c",
              "--client-version",
              "1.36.0",
              "--outcome",
              "works",
              "--exact");
      assertThat(preview.status).isZero();
      JsonNode shown = ReportJson.mapper().readTree(preview.out);
      assertThat(ReportValidator.instance().validate(shown)).isEmpty();
      assertThat(shown.path("consentLevel").asInt()).isEqualTo(1);
      assertThat(tmp.resolve("state/outbox")).doesNotExist();
      assertThat(receiver.received()).isEmpty();

      Result submit =
          cli(
              env,
              "",
              "submit",
              "--client-name",
              "aria2c",
              "--client-version",
              "1.36.0",
              "--outcome",
              "works");
      assertThat(submit.status).as(submit.err).isZero();
      assertThat(submit.err).contains("queued report").contains("sent 1 report(s)");
      JsonNode sent = receiver.reports().get(0);
      // Same document apart from its identity and time.
      for (String field :
          new String[] {"installationId", "consentLevel", "outcome", "environment", "source"}) {
        assertThat(sent.get(field)).isEqualTo(shown.get(field));
      }

      Result history = cli(env, "", "history");
      assertThat(history.out)
          .contains(sent.path("reportId").asString())
          .contains("works  aria2c 1.36.0  level 1  received");
      Result show =
          cli(env, "", "history", "--show", sent.path("reportId").asString().substring(0, 8));
      assertThat(ReportJson.mapper().readTree(show.out)).isEqualTo(sent);

      Result status = cli(env, "", "status");
      assertThat(status.status).isZero();
      assertThat(status.out)
          .contains("consent: level 1")
          .contains("queue: empty")
          .contains("sent: 1");
    }
  }

  @Test
  void previewKeepsTimesAndDurationsInACommentAndScrubsWhatTheServerWouldScrub() throws Exception {
    Map<String, String> env = TestEnv.in(tmp);
    assertThat(cli(env, "", "consent", "--level", "1").status).isZero();

    for (String[] c :
        new String[][] {
          {PrivacySample.PLAIN, PrivacySample.PLAIN},
          {PrivacySample.COMMENT, PrivacySample.SCRUBBED}
        }) {
      Result preview =
          cli(
              env,
              "",
              "preview",
              "--client-name",
              "aria2c",
              "--client-version",
              "1.36.0",
              "--outcome",
              "other",
              "--comment",
              c[0],
              "--exact");
      assertThat(preview.status).as(preview.err).isZero();
      JsonNode shown = ReportJson.mapper().readTree(preview.out);
      assertThat(shown.path("comment").asString()).isEqualTo(c[1]);
    }
  }

  @Test
  void whenTheServerIsDownTheReportWaitsAndStatusSaysWhyInPlainWords() throws Exception {
    LocalReceiver receiver = new LocalReceiver();
    Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
    receiver.close();
    cli(env, "", "consent", "--level", "2");

    Result submit = cli(env, "", "submit", "--client-name", "aria2c", "--outcome", "works");
    assertThat(submit.status).isEqualTo(4);
    assertThat(submit.err).contains("1 report(s) still queued");

    Result status = cli(env, "", "status");
    assertThat(status.status).isEqualTo(1);
    assertThat(status.out)
        .contains("queue: 1 report waiting, the oldest queued")
        .contains("last error")
        .contains("cannot connect to " + receiver.base())
        .contains("next try: in");

    Result queued = cli(env, "", "preview", "--queued");
    assertThat(ReportJson.mapper().readTree(queued.out).path("consentLevel").asInt()).isEqualTo(2);
  }

  @Test
  void withoutAServerReportsAreQueuedAndStatusSaysWhatIsMissing() {
    Map<String, String> env = TestEnv.in(tmp);
    cli(env, "", "consent", "--level", "1");

    Result submit =
        cli(env, "", "submit", "--client-name", "x", "--outcome", "other", "--comment", "odd");

    assertThat(submit.status).isEqualTo(4);
    assertThat(cli(env, "", "status").out).contains("not sending: no server URL is configured");
  }

  @Test
  void loweringConsentToZeroDiscardsWhatWaits() {
    Map<String, String> env = TestEnv.in(tmp);
    cli(env, "", "consent", "--level", "2");
    cli(env, "", "submit", "--client-name", "x", "--outcome", "works");

    Result off = cli(env, "", "consent", "--level", "0");

    assertThat(off.out).contains("consent: level 0").contains("discarded 1 queued report(s)");
    assertThat(cli(env, "", "status").out).contains("queue: empty");
  }

  @Test
  void forgetDeletesOnTheServerThenEverythingHere() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "", "consent", "--level", "2");
      cli(env, "", "submit", "--client-name", "x", "--outcome", "works");
      String consent = Files.readString(tmp.resolve("state/consent.properties"));
      String id = consent.replaceAll("(?s).*installationId=([0-9a-f-]+).*", "$1");
      String secret = consent.replaceAll("(?s).*installationSecret=([A-Za-z0-9_-]+).*", "$1");

      assertThat(cli(env, "", "forget").status).isEqualTo(2); // no terminal and no --yes
      receiver.then(
          new LocalReceiver.Answer(
              403,
              "application/problem+json",
              "{\"reason\":\"installation-secret-mismatch\"}",
              Map.of()));
      Result refused = cli(env, "", "forget", "--yes");
      assertThat(refused.status).isEqualTo(1);
      assertThat(refused.err)
          .contains("installation-secret-mismatch")
          .contains("nothing was deleted here");
      assertThat(tmp.resolve("state/consent.properties")).exists();

      receiver.then(
          new LocalReceiver.Answer(
              200,
              "application/json",
              "{\"installationId\":\"" + id + "\",\"reportsDeleted\":1}",
              Map.of()));
      Result forget = cli(env, "", "forget", "--yes");

      assertThat(forget.status).as(forget.err).isZero();
      assertThat(forget.out).contains("deleted 1 report(s)");
      LocalReceiver.Received delete = receiver.received().get(receiver.received().size() - 1);
      assertThat(delete.method()).isEqualTo("DELETE");
      assertThat(delete.path()).isEqualTo("/api/v1/installations/" + id);
      assertThat(delete.header("Shimwatch-Installation-Secret")).isEqualTo(secret);
      assertThat(tmp.resolve("state/consent.properties")).doesNotExist();
      assertThat(tmp.resolve("state/sent")).doesNotExist();
      assertThat(cli(env, "", "consent").out).contains("consent: level 0");
    }
  }

  @Test
  void inspectReadsOs2ArtefactsAndSubmitTurnsThemIntoAnOs2Report() throws Exception {
    Path syslevel = tmp.resolve("syslevel.txt");
    Files.writeString(
        syslevel,
        new String(
            getClass().getResourceAsStream("/os2/syslevel-fpk.txt").readAllBytes(),
            StandardCharsets.ISO_8859_1));

    Result inspect = cli(TestEnv.in(tmp), "", "inspect", syslevel.toString());
    assertThat(inspect.status).as(inspect.err).isZero();
    assertThat(inspect.out).contains("syslevel.txt: ").contains("TCP/IP");

    Result missing = cli(TestEnv.in(tmp), "", "inspect", tmp.resolve("nope").toString());
    assertThat(missing.status).isEqualTo(2);
    assertThat(missing.err).contains("no such file");

    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "", "consent", "--level", "1");
      Result submit =
          cli(
              env,
              "",
              "submit",
              "--artefact",
              syslevel.toString(),
              "--client-name",
              "BitTorrent",
              "--client-version",
              "3.4.2",
              "--outcome",
              "works");
      assertThat(submit.status).as(submit.err).isZero();
      JsonNode r = receiver.reports().get(0);
      assertThat(r.at("/environment/os/family").asString()).isEqualTo("os2");
      assertThat(r.at("/environment/client/name").asString()).isEqualTo("BitTorrent");
    }
  }

  @Test
  void afterA429WithRetryAfterTheNextCommandQueuesAndDoesNotPost() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "", "consent", "--level", "1");
      receiver.then(
          new LocalReceiver.Answer(
              429,
              "application/problem+json",
              "{\"status\":429,\"reason\":\"rate-limited\"}",
              Map.of("Retry-After", "900")));

      Result first = cli(env, "", "submit", "--client-name", "x", "--outcome", "works");
      assertThat(first.status).isEqualTo(4);
      assertThat(receiver.received()).hasSize(1);

      Result second = cli(env, "", "submit", "--client-name", "x", "--outcome", "works");
      Result pending = cli(env, "", "submit", "--pending");

      assertThat(receiver.received()).as("posts while the server asked to wait").hasSize(1);
      assertThat(second.status).isEqualTo(4);
      assertThat(second.err).contains("2 report(s) still queued: the server asked to wait until");
      assertThat(pending.status).isEqualTo(4);
      assertThat(cli(env, "", "status").out).contains("queue: 2 reports waiting");
    }
  }

  @Test
  void submitFailsWhenTheServerRefusesTheReportForGood() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "", "consent", "--level", "1");
      receiver.then(LocalReceiver.Answer.problem(400, "report-invalid"));

      Result submit = cli(env, "", "submit", "--client-name", "x", "--outcome", "works");

      assertThat(submit.status).isEqualTo(1);
      assertThat(submit.err).contains("the server refused 1 report(s) for good");
      assertThat(cli(env, "", "history", "--rejected").out).contains("report-invalid");
    }
  }

  @Test
  void previewEndsItsJsonWithALineBreakBeforeAnyNote() throws Exception {
    Map<String, String> env = TestEnv.in(tmp);
    cli(env, "", "consent", "--level", "1");
    cli(env, "", "submit", "--client-name", "x", "--outcome", "works");
    Files.writeString(
        tmp.resolve("state/outbox/0000000000000001-00000000-0000-7000-8000-000000000001.json"),
        "not a report");
    // stdout and stderr into one place, as on a terminal or with 2>&1.
    StringWriter both = new StringWriter();
    PrintWriter w = new PrintWriter(both);

    for (String[] args :
        new String[][] {{"preview", "--queued", "--exact"}, {"preview", "--queued"}}) {
      both.getBuffer().setLength(0);
      int status =
          ShimwatchCli.execute(args, env, new ByteArrayInputStream(new byte[0]), w, w, false);

      assertThat(status).isZero();
      String text = both.toString();
      int note = text.indexOf("shimwatch: ");
      assertThat(note).as(text).isPositive();
      assertThat(text.charAt(note - 1)).as(text).isEqualTo('\n');
      assertThat(text.substring(0, note - 1).strip()).endsWith("}");
    }
  }

  @Test
  void helpAndCompletionLeaveTheLaunchersOwnCommandOut() {
    Result help = cli(TestEnv.in(tmp), "", "--help");

    assertThat(help.out).contains("run").contains("doctor").doesNotContain("finish-run");
  }
}
