package org.shimwatch.probe.dist;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code shimwatch run} adds to a short real client: the unpacked archive's {@code
 * bin/shimwatch run -- CLIENT} against {@code CLIENT} alone, in alternation (bare, then under the
 * probe), at consent level 2, with a reachable server on loopback and with none configured.
 * Clients: a python3 select() loop over a socket pair, and aria2c downloading a file from an HTTP
 * server on loopback. Each figure is one line: the medians, the time added and the ratio; for the
 * python3 client also when the client's first statement ran after the command started, and how long
 * after the client ended its report reached the server. Before each measured pair the previous
 * run's background finisher has ended, so it takes no CPU from the next measurement.
 *
 * <p>Usage: {@code RunOverheadBenchmark TARGET_DIR VERSION} (after {@code package}); {@code
 * -Dbench.runs=N} pairs per figure (default 11).
 */
public final class RunOverheadBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 11);

  private RunOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    System.setProperty("shimwatch.dist.dir", target.toString());
    System.setProperty("shimwatch.dist.version", args[1]);
    Path work = target.resolve("bench-run-overhead");
    Shell.run(Map.of("PATH", Distribution.path()), "rm", "-rf", work.toString());
    Path home = Distribution.unpack(work.resolve("opt"));
    String shimwatch = home.resolve("bin/shimwatch").toString();
    String python = Shell.python3();
    boolean aria2c =
        Shell.run(Map.of("PATH", Distribution.path()), "sh", "-c", "command -v aria2c").status()
            == 0;

    byte[] payload = new byte[8 << 20];
    new Random(1).nextBytes(payload);
    HttpServer files =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    files.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
          ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : payload.length);
          if (!ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseBody().write(payload);
          }
          ex.close();
        });
    files.start();
    String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/payload.bin";

    try (Receiver receiver = new Receiver()) {
      for (boolean reachable : new boolean[] {true, false}) {
        Path dir = work.resolve(reachable ? "reachable" : "none");
        Map<String, String> env = Distribution.userEnvironment(dir);
        if (reachable) {
          env.put("SHIMWATCH_SERVER", receiver.base().toString());
          env.put("SHIMWATCH_KEY", "swk_benchkey0123456789");
        }
        Shell.Result consent = Shell.run(env, shimwatch, "consent", "--level", "2");
        if (consent.status() != 0) {
          throw new IllegalStateException("consent: " + consent.err());
        }
        String server = reachable ? "reachable server" : "no server";
        if (python != null) {
          Path started = dir.resolve("started");
          Path script = dir.resolve("select_loop.py");
          // The client notes when its first statement ran, then makes 2000 select() round trips.
          Files.writeString(
              script,
              "import time, sys\n"
                  + "open(sys.argv[1], 'w').write(str(time.time_ns()))\n"
                  + "import select, socket\n"
                  + "a, b = socket.socketpair()\n"
                  + "for i in range(2000):\n"
                  + "    a.send(b'x')\n"
                  + "    select.select([b], [], [], 1.0)\n"
                  + "    b.recv(1)\n");
          List<String> client = List.of(python, script.toString(), started.toString());
          measure(
              "python3 select loop, level 2, " + server,
              shimwatch,
              env,
              dir,
              client,
              started,
              reachable ? receiver : null);
        } else {
          System.out.println("RunOverhead python3: skipped, python3 is not installed");
        }
        if (aria2c) {
          Path downloads = Files.createDirectories(dir.resolve("downloads"));
          List<String> client =
              List.of(
                  "aria2c",
                  "--no-conf=true",
                  "--dir=" + downloads,
                  "--out=payload.bin",
                  "--allow-overwrite=true",
                  "--summary-interval=0",
                  "--console-log-level=error",
                  "--download-result=hide",
                  url);
          measure(
              "aria2c 8 MiB from loopback, level 2, " + server,
              shimwatch,
              env,
              dir,
              client,
              null,
              reachable ? receiver : null);
        } else {
          System.out.println("RunOverhead aria2c: skipped, aria2c is not installed");
        }
      }
    } finally {
      files.stop(0);
    }
  }

  private static void measure(
      String name,
      String shimwatch,
      Map<String, String> env,
      Path dir,
      List<String> client,
      Path startedFile,
      Receiver receiver)
      throws Exception {
    List<String> probed = new ArrayList<>(List.of(shimwatch, "run", "--outcome", "works", "--"));
    probed.addAll(client);
    // Reports delivered before this figure (the receiver and the state folder are shared).
    int before = delivered(dir, receiver);
    // One of each first, unmeasured: caches and the page cache warm for both.
    timed(env, client, null);
    timed(env, probed, null);
    awaitFinisher(dir, receiver, before + 1);
    double[] bare = new double[RUNS];
    double[] under = new double[RUNS];
    double[] bareStart = new double[RUNS];
    double[] underStart = new double[RUNS];
    double[] delivered = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      Run b = timed(env, client, startedFile);
      bare[i] = b.wallMs;
      bareStart[i] = b.startMs;
      Run u = timed(env, probed, startedFile);
      under[i] = u.wallMs;
      underStart[i] = u.startMs;
      delivered[i] = awaitFinisher(dir, receiver, before + i + 2) - u.endedAtMs;
    }
    double mb = median(bare);
    double mu = median(under);
    System.out.printf(
        Locale.ROOT,
        "RunOverhead %s: bare %.1f ms, under shimwatch run %.1f ms (medians of %d, alternating):"
            + " %+.1f ms added, ratio %.3f%n",
        name,
        mb,
        mu,
        RUNS,
        mu - mb,
        mu / mb);
    if (startedFile != null) {
      System.out.printf(
          Locale.ROOT,
          "RunOverhead %s: client's first statement %.1f ms after the command bare, %.1f ms under"
              + " shimwatch run: %+.1f ms later (medians), ratio %.3f%n",
          name,
          median(bareStart),
          median(underStart),
          median(underStart) - median(bareStart),
          median(underStart) / median(bareStart));
    }
    System.out.printf(
        Locale.ROOT,
        "RunOverhead %s: report %s %.0f ms after the client ended (median, in the background)%n",
        name,
        receiver != null ? "received by the server" : "queued",
        median(delivered));
  }

  private record Run(double wallMs, double startMs, double endedAtMs) {}

  private static Run timed(Map<String, String> env, List<String> command, Path startedFile)
      throws IOException, InterruptedException {
    if (startedFile != null) {
      Files.deleteIfExists(startedFile);
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not end");
    }
    long t1 = System.nanoTime();
    if (p.exitValue() != 0) {
      throw new IllegalStateException(command + " ended with " + p.exitValue());
    }
    double start = Double.NaN;
    if (startedFile != null) {
      long clientStartNs =
          Long.parseLong(Files.readString(startedFile, StandardCharsets.UTF_8).strip());
      start = (clientStartNs - (EPOCH_AT_MONO_ZERO + t0)) / 1e6;
    }
    return new Run((t1 - t0) / 1e6, start, System.currentTimeMillis());
  }

  /** The epoch nanoseconds that System.nanoTime() zero stands for, measured once. */
  private static final long EPOCH_AT_MONO_ZERO = epochAtMonoZero();

  private static long epochAtMonoZero() {
    Instant now = Instant.now();
    long mono = System.nanoTime();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
  }

  /**
   * Waits until the background finisher of the {@code n}-th probed run has delivered (a report at
   * the receiver, or queued when there is no server) and no finisher runs any more; returns the
   * epoch millisecond the report was seen.
   */
  private static double awaitFinisher(Path dir, Receiver receiver, int n) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    double seen = Double.NaN;
    while (System.nanoTime() < end) {
      int got = delivered(dir, receiver);
      if (got >= n && Double.isNaN(seen)) {
        seen = System.currentTimeMillis();
      }
      if (got >= n && !finisherRunning(dir)) {
        return seen;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the finisher did not deliver report " + n + " within 120 s");
  }

  /** Reports the server received, or with no server, reports waiting in the outbox. */
  private static int delivered(Path dir, Receiver receiver) throws IOException {
    return receiver != null ? receiver.reports().size() : count(dir.resolve("state/outbox"));
  }

  private static boolean finisherRunning(Path dir) {
    String state = dir.resolve("state").toString();
    return ProcessHandle.allProcesses()
        .anyMatch(
            p ->
                p.info()
                    .arguments()
                    .map(
                        a ->
                            Arrays.asList(a).contains("finish-run")
                                && String.join(" ", a).contains(state))
                    .orElse(false));
  }

  private static int count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
