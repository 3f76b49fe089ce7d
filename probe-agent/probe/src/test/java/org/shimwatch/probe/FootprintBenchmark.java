package org.shimwatch.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.consent.ConsentStore;

/**
 * Benchmark, not a test: the probe's footprint, each figure against a baseline measured in the same
 * run. (1) the runnable jar with its dependencies against the plain module jar; (2) the wall time
 * of {@code shimwatch run --outcome works -- /bin/true} (shim extraction check, the run, a level-2
 * report queued and sent to a loopback receiver) against {@code /bin/true} alone; (3) the heap of a
 * host JVM with the javaagent (idle), and with the probe after one report, against the same host
 * without. Run with {@code mvn -q -Pbench -DskipTests verify} (needs {@code target/shimwatch.jar}).
 */
public final class FootprintBenchmark {

  private static final int RUNS = 7;

  private FootprintBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args.length > 0 ? args[0] : "target");
    Path jar = target.resolve("shimwatch.jar");
    Path plain = plainJar(target);
    System.out.printf(
        "probe-agent bench footprint-jar: shimwatch.jar %.2f MiB, baseline plain module jar %.2f MiB, ratio %.1f%n",
        mib(Files.size(jar)), mib(Files.size(plain)), (double) Files.size(jar) / Files.size(plain));

    Path work = Files.createTempDirectory("shimwatch-bench");
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(work, receiver.base());
      new ConsentStore(new StateDirectory(work.resolve("state")).consentFile())
          .setLevel(ConsentLevel.METRICS);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> shimwatch =
          List.of(
              java,
              "-XX:TieredStopAtLevel=1",
              "-Xshare:auto",
              "-jar",
              jar.toString(),
              "run",
              "--outcome",
              "works",
              "--",
              "/bin/true");
      time(shimwatch, env); // warms the page cache and extracts the library once
      double bare = medianMillis(List.of("/bin/true"), env);
      double probed = medianMillis(shimwatch, env);
      if (receiver.reports().size() != RUNS + 1) {
        throw new IllegalStateException(
            "expected " + (RUNS + 1) + " reports, got " + receiver.reports().size());
      }
      System.out.printf(
          "probe-agent bench footprint-run-wall: shimwatch run -- /bin/true %.0f ms, baseline /bin/true %.1f ms, extra %.0f ms, ratio %.0f%n",
          probed, bare, probed - bare, probed / bare);

      // The agent's host is a small application: its own classes only, plus the agent jar.
      String hostCp =
          Path.of(FootprintHost.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      String fullCp = System.getProperty("java.class.path");
      double heapBare =
          medianHeap(
              List.of(java, "-Xmx256m", "-cp", hostCp, FootprintHost.class.getName(), "bare"), env);
      double heapAgent =
          medianHeap(
              List.of(
                  java,
                  "-Xmx256m",
                  "-javaagent:" + jar + "=period=3600",
                  "-cp",
                  hostCp,
                  FootprintHost.class.getName(),
                  "agent"),
              env);
      double heapLibraryBare =
          medianHeap(
              List.of(java, "-Xmx256m", "-cp", fullCp, FootprintHost.class.getName(), "bare"), env);
      double heapReport =
          medianHeap(
              List.of(
                  java,
                  "-Xmx256m",
                  "-cp",
                  fullCp,
                  FootprintHost.class.getName(),
                  "report",
                  receiver.base().toString()),
              env);
      System.out.printf(
          "probe-agent bench footprint-agent-heap: host with -javaagent (idle) %.2f MiB, baseline host %.2f MiB, extra %.2f MiB, ratio %.2f%n",
          heapAgent, heapBare, heapAgent - heapBare, heapAgent / heapBare);
      System.out.printf(
          "probe-agent bench footprint-report-heap: host after the probe sent one report %.2f MiB, baseline host %.2f MiB, extra %.2f MiB, ratio %.2f%n",
          heapReport, heapLibraryBare, heapReport - heapLibraryBare, heapReport / heapLibraryBare);
    }
  }

  private static Path plainJar(Path target) throws IOException {
    try (DirectoryStream<Path> d = Files.newDirectoryStream(target, "shimwatch-probe-*.jar")) {
      for (Path p : d) {
        if (!p.getFileName().toString().contains("-sources")
            && !p.getFileName().toString().contains("-tests")) {
          return p;
        }
      }
    }
    throw new IllegalStateException("no plain jar in " + target + ": run mvn package first");
  }

  private static double medianMillis(List<String> cmd, Map<String, String> env) throws Exception {
    double[] t = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      t[i] = time(cmd, env);
    }
    return median(t);
  }

  private static double time(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(cmd + " failed");
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double medianHeap(List<String> cmd, Map<String, String> env) throws Exception {
    double[] h = new double[3];
    for (int i = 0; i < h.length; i++) {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(cmd + " failed: " + out);
      }
      String[] lines = out.split("\\R");
      h[i] = mib(Long.parseLong(lines[lines.length - 1].strip()));
    }
    return median(h);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
