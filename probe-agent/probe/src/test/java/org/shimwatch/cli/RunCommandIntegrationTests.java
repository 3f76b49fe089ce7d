package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.ChildJvm;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.consent.ConsentStore;
import org.shimwatch.probe.environment.ClientIdentity;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.testing.MissingPart;
import tools.jackson.databind.JsonNode;

/**
 * {@code shimwatch run} end to end, as a separate process like a user's: a real aria2c downloads a
 * file from an HTTP server on loopback with the shim preloaded, and the report reaching a local
 * receiver carries the shim's counts of the call kind aria2c's event loop uses. Also: the exit
 * status and stdin/stdout pass through unchanged.
 */
class RunCommandIntegrationTests {

  @TempDir Path tmp;

  @Test
  void aria2cUnderShimwatchRunReportsItsPollCalls() throws Exception {
    requireAria2c();
    byte[] payload = new byte[3_000_000];
    new Random(7).nextBytes(payload);
    try (LocalReceiver receiver = new LocalReceiver();
        FileServer files = new FileServer(payload)) {
      Map<String, String> env = consented(receiver, ConsentLevel.METRICS);
      // An account name of a person ("root" names nobody and is kept).
      env.put("USER", "kestrel");
      Path dir = tmp.resolve("download");

      Run run =
          shimwatch(
              env,
              null,
              "run",
              "--outcome",
              "works",
              "--comment",
              "downloaded from kestrel's box at 10:15:30",
              "--",
              "aria2c",
              "--no-conf=true",
              "--event-poll=poll",
              "--dir=" + dir,
              "--out=payload.bin",
              "--summary-interval=0",
              "--console-log-level=warn",
              "--allow-overwrite=true",
              "--max-connection-per-server=1",
              files.url());

      assertThat(run.status).as(run.err).isZero();
      assertThat(Files.readAllBytes(dir.resolve("payload.bin"))).isEqualTo(payload);
      assertThat(receiver.reports()).as(run.err).hasSize(1);
      JsonNode report = receiver.reports().get(0);
      assertThat(ReportValidator.instance().validate(report)).isEmpty();
      assertThat(report.path("consentLevel").asInt()).isEqualTo(2);
      assertThat(report.path("source").asString()).isEqualTo("cli");
      assertThat(report.path("outcome").asString()).isEqualTo("works");
      assertThat(report.path("comment").asString())
          .isEqualTo("downloaded from <user>'s box at 10:15:30");
      assertThat(report.at("/environment/client/name").asString()).isEqualTo("aria2c");
      assertThat(report.at("/environment/shim/installMode").asString()).isEqualTo("preload");
      assertThat(report.at("/environment/shim/version").asString()).matches("\\d+\\.\\d+\\.\\d+");
      assertThat(report.at("/environment/os/family").asString()).isEqualTo("linux");
      assertThat(report.at("/metrics/processes").asInt()).isEqualTo(1);
      JsonNode poll = report.at("/metrics/calls/poll");
      assertThat(poll.path("count").asLong()).isPositive();
      assertThat(poll.at("/results/ready").asLong()).isPositive();
      assertThat(poll.at("/latency/buckets").size()).isPositive();
      // The run's spool is gone, and the report was archived with its receipt.
      assertThat(Files.list(tmp.resolve("state/runs")).count()).isZero();
      assertThat(Files.list(tmp.resolve("state/sent")).count()).isEqualTo(2);
    }
  }

  @Test
  void aria2cExitStatusPassesThroughAndTheRunIsStillReported() throws Exception {
    requireAria2c();
    try (LocalReceiver receiver = new LocalReceiver();
        FileServer files = new FileServer(new byte[10])) {
      Map<String, String> env = consented(receiver, ConsentLevel.METRICS);

      Run run =
          shimwatch(
              env,
              null,
              "run",
              "--outcome",
              "other",
              "--",
              "aria2c",
              "--no-conf=true",
              "--event-poll=poll",
              "--dir=" + tmp.resolve("d"),
              "--console-log-level=error",
              "--max-tries=1",
              files.url().replace("payload.bin", "missing.bin"));

      // aria2c: 3 = "resource was not found".
      assertThat(run.status).as(run.err).isEqualTo(3);
      assertThat(receiver.reports()).hasSize(1);
      assertThat(receiver.reports().get(0).path("outcome").asString()).isEqualTo("other");
    }
  }

  @Test
  void stdinStdoutAndExitStatusPassThrough() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = consented(receiver, ConsentLevel.ENVIRONMENT);

      Run run =
          shimwatch(
              env,
              "hello through the shim\n",
              "run",
              "--outcome",
              "works",
              "--",
              "sh",
              "-c",
              "cat; exit 9");

      assertThat(run.status).isEqualTo(9);
      assertThat(run.out).isEqualTo("hello through the shim\n");
      JsonNode report = receiver.reports().get(0);
      // Level 1: the client ran through the shim, which recorded nothing.
      assertThat(report.path("consentLevel").asInt()).isEqualTo(1);
      assertThat(report.has("metrics")).isFalse();
      assertThat(report.at("/environment/shim/installMode").asString()).isEqualTo("preload");
      assertThat(report.at("/environment/client/name").asString()).isEqualTo("sh");
    }
  }

  @Test
  void aCommandThatDoesNotExistEndsWith127AndNoReport() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = consented(receiver, ConsentLevel.METRICS);

      Run run = shimwatch(env, null, "run", "--outcome", "works", "--", "no-such-client-anywhere");

      assertThat(run.status).isEqualTo(127);
      assertThat(run.err).contains("no-such-client-anywhere: command not found");
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void sigintAndSighupSentToTheProbeReachTheClientAndTheRunIsStillReported() throws Exception {
    for (String signal : List.of("INT", "HUP")) {
      try (LocalReceiver receiver = new LocalReceiver()) {
        Map<String, String> env = consented(receiver, ConsentLevel.ENVIRONMENT);
        ProcessBuilder pb =
            ChildJvm.builder(
                List.of(),
                ShimwatchCli.class.getName(),
                List.of(
                    "run",
                    "--outcome",
                    "works",
                    "--",
                    "sh",
                    "-c",
                    // Bounded (30 s), so that a signal that never arrives fails the test.
                    "trap 'echo got it; exit 42' INT HUP; echo ready; i=0;"
                        + " while [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done"),
                env);
        // As from a user's shell: a build run in the background of a script passes SIGINT on
        // ignored, and a JVM cannot catch a signal it was started with ignored.
        pb.command().addAll(0, List.of("env", "--default-signal=INT,HUP,TERM"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        java.io.BufferedReader out =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
          seen.append(line).append('\n');
        }
        new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).start().waitFor();
        for (String line; (line = out.readLine()) != null; ) {
          seen.append(line).append('\n');
        }

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.toString()).as(signal).contains("got it");
        assertThat(p.exitValue()).as(signal + ": " + seen).isEqualTo(42);
        assertThat(receiver.reports()).as(signal).hasSize(1);
      }
    }
  }

  private Map<String, String> consented(LocalReceiver receiver, ConsentLevel level)
      throws IOException, Exception {
    Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
    new ConsentStore(new StateDirectory(tmp.resolve("state")).consentFile()).setLevel(level);
    return env;
  }

  private static void requireAria2c() {
    if (ClientIdentity.resolve("aria2c", System.getenv()) == null) {
      MissingPart.skipOrFail(
          "this test needs aria2c (Debian package aria2), which is not installed");
    }
  }

  record Run(int status, String out, String err) {}

  static Run shimwatch(Map<String, String> env, String stdin, String... args) throws Exception {
    Process p =
        ChildJvm.builder(List.of(), ShimwatchCli.class.getName(), List.of(args), env).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    // Both streams are drained concurrently so neither pipe fills up.
    List<byte[]> err = new ArrayList<>();
    Thread t =
        new Thread(
            () -> {
              try {
                err.add(p.getErrorStream().readAllBytes());
              } catch (IOException e) {
                err.add(new byte[0]);
              }
            });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    t.join();
    return new Run(p.exitValue(), out, new String(err.get(0), StandardCharsets.UTF_8));
  }

  /** Serves one file over HTTP on loopback, for aria2c to download. */
  static final class FileServer implements AutoCloseable {
    private final HttpServer server;

    FileServer(byte[] payload) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      server.createContext(
          "/",
          ex -> {
            if (!ex.getRequestURI().getPath().equals("/payload.bin")) {
              ex.sendResponseHeaders(404, -1);
              ex.close();
              return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, payload.length);
            if (!ex.getRequestMethod().equals("HEAD")) {
              ex.getResponseBody().write(payload);
            }
            ex.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/payload.bin";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
