package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import tools.jackson.databind.JsonNode;

/**
 * {@code shimwatch doctor} for real: the battery runs through the native shim in this JVM, prints a
 * line per check, and with {@code --send} the results travel as a level-2 report.
 */
class DoctorCommandIntegrationTests {

  @TempDir Path tmp;

  record Result(int status, String out, String err) {}

  static Result cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        ShimwatchCli.execute(
            args,
            env,
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out),
            new PrintWriter(err),
            false);
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void runsEveryCheckPrintsALineEachAndSendsNothingByDefault() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "consent", "--level", "2");

      Result r = cli(env, "doctor");

      assertThat(r.status).as(r.out + r.err).isZero();
      List<String> lines = r.out.lines().filter(l -> l.startsWith("  [")).toList();
      assertThat(lines).hasSize(9);
      assertThat(lines.get(0)).contains("[1/9]").contains("select-readiness").contains("pass");
      assertThat(r.out).contains("select-non-socket").containsPattern("\\d+ passed, 0 failed");
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void sendsTheResultsAsALevelTwoReportWithoutTheProbesOwnCounters() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "consent", "--level", "2");

      Result r = cli(env, "doctor", "--send", "--json");

      assertThat(r.status).as(r.out + r.err).isZero();
      JsonNode printed = ReportJson.mapper().readTree(r.out);
      assertThat(printed.size()).isEqualTo(9);
      assertThat(receiver.reports()).hasSize(1);
      JsonNode report = receiver.reports().get(0);
      assertThat(ReportValidator.instance().validate(report)).isEmpty();
      assertThat(report.path("consentLevel").asInt()).isEqualTo(2);
      assertThat(report.path("environment").path("client").path("name").asString())
          .isEqualTo("shimwatch-doctor");
      assertThat(report.has("metrics")).isFalse();
      List<String> ids = new ArrayList<>();
      report.path("selfTests").forEach(t -> ids.add(t.path("id").asString()));
      assertThat(ids)
          .containsExactly(
              "select-readiness",
              "timeout-accuracy",
              "nonblocking-connect",
              "many-descriptors",
              "select-fd-setsize",
              "select-non-socket",
              "fork-inheritance",
              "select-eintr",
              "bittorrent-stress");
    }
  }

  @Test
  void sendingBelowLevelTwoSendsNothing() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "consent", "--level", "1");

      Result r = cli(env, "doctor", "--send");

      assertThat(r.status).isEqualTo(3);
      assertThat(r.err).contains("consent level 2 or more");
      assertThat(receiver.received()).isEmpty();
      assertThat(tmp.resolve("state/outbox")).doesNotExist();
    }
  }
}
