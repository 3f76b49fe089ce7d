package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.cli.ShimwatchCliTests.Result;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.TestEnv;
import tools.jackson.databind.JsonNode;

/**
 * {@code shimwatch submit --artefact} with OS/2 artefacts that disagree or leave versions out: the
 * user chooses and fills in, with options or at a terminal, and nothing is merged silently.
 */
class SubmitOs2FactsTests {

  private static final String TCP =
      """
      C:\\TCPIP\\BIN\\SYSLEVEL.TCP
           IBM TCP/IP Version 4.3 for OS/2
           Version 4.30     Component ID 5639B0900
           Current CSD level: UN02200
           Prior   CSD level: UN02101
      """;

  @TempDir Path tmp;

  private Path file(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

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

  private List<String> submit(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "submit",
                "--artefact",
                file("a.txt", TCP).toString(),
                "--artefact",
                file("b.txt", TCP.replace("UN02200", "UN02205")).toString(),
                "--client-name",
                "BitTorrent",
                "--outcome",
                "works"));
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void twoTcpipLevelsNeedAChoiceAndTheChoiceIsSent() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "", false, "consent", "--level", "1");

      Result refused = cli(env, "", false, submit().toArray(String[]::new));

      assertThat(refused.status()).isEqualTo(2);
      assertThat(refused.err())
          .contains("the artefacts disagree on the TCP/IP service level")
          .contains("UN02200 (syslevel output)")
          .contains("UN02205 (syslevel output 2)")
          .contains("--choose stack-level=VALUE")
          .doesNotContain("at org.");
      assertThat(receiver.received()).isEmpty();

      Result wrong =
          cli(env, "", false, submit("--choose", "stack-level=UN09999").toArray(String[]::new));
      assertThat(wrong.status()).isEqualTo(2);
      assertThat(wrong.err()).contains("not one of the values the artefacts give");

      Result chosen =
          cli(
              env,
              "",
              false,
              submit(
                      "--choose",
                      "stack-level=UN02205",
                      "--python-version",
                      "Python 2.3.3 (#0, Dec 20 2003, 16:54:12) [EMX GCC 2.8.1] on os2emx",
                      "--shim-version",
                      "0.2")
                  .toArray(String[]::new));

      assertThat(chosen.status()).as(chosen.err()).isZero();
      JsonNode r = receiver.reports().get(0);
      assertThat(r.at("/environment/stack/level").asString()).isEqualTo("UN02205");
      assertThat(r.at("/environment/runtime/name").asString()).isEqualTo("EMX Python");
      assertThat(r.at("/environment/runtime/version").asString()).isEqualTo("2.3.3");
      assertThat(r.at("/environment/shim/version").asString()).isEqualTo("0.2");
    }
  }

  @Test
  void atATerminalTheChoiceAndTheVersionsAreAsked() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "", false, "consent", "--level", "1");

      Result r = cli(env, "2\n2.3.3\n0.2\n", true, submit().toArray(String[]::new));

      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.err())
          .contains("  1) UN02200  (syslevel output)")
          .contains("  2) UN02205  (syslevel output 2)")
          .contains("which Python runs the client?")
          .contains("which version of the shim is installed?");
      JsonNode sent = receiver.reports().get(0);
      assertThat(sent.at("/environment/stack/level").asString()).isEqualTo("UN02205");
      assertThat(sent.at("/environment/runtime/version").asString()).isEqualTo("2.3.3");
      assertThat(sent.at("/environment/shim/version").asString()).isEqualTo("0.2");
      assertThat(sent.at("/environment/shim/installMode").asString()).isEqualTo("unknown");
    }
  }

  @Test
  void withoutATerminalMissingVersionsAreLeftOutAndSaidSo() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      cli(env, "", false, "consent", "--level", "1");

      Result r =
          cli(
              env,
              "",
              false,
              "submit",
              "--artefact",
              file("a.txt", TCP).toString(),
              "--client-name",
              "BitTorrent",
              "--outcome",
              "works");

      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.err()).contains("the artefacts do not say which Python runs the client");
      assertThat(receiver.reports().get(0).at("/environment/runtime").isMissingNode()).isTrue();
    }
  }

  @Test
  void badVersionsAndMisplacedOptionsAreUsageErrors() throws Exception {
    Map<String, String> env = TestEnv.in(tmp);
    cli(env, "", false, "consent", "--level", "1");

    Result banana =
        cli(
            env,
            "",
            false,
            "submit",
            "--artefact",
            file("a.txt", TCP).toString(),
            "--client-name",
            "x",
            "--outcome",
            "works",
            "--python-version",
            "banana");
    Result noArtefact =
        cli(env, "", false, "submit", "--client-name", "x", "--python-version", "2.3.3");

    assertThat(banana.status()).isEqualTo(2);
    assertThat(banana.err()).contains("give a version such as 2.3.3");
    assertThat(noArtefact.status()).isEqualTo(2);
    assertThat(noArtefact.err()).contains("give them with --artefact");
    assertThat(tmp.resolve("state/outbox")).doesNotExist();
  }
}
