package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.testing.MissingPart;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 10: a BitTorrent client under the shim for half an hour. aria2c seeds through
 * opentracker on loopback under {@code shimwatch run} (consent level 2), traced by {@code strace -f
 * -c} for a count of its wait calls that does not come from the shim; a second aria2c, without the
 * shim, fetches the file from it again and again. Meanwhile the seeder's resident memory is sampled
 * and the run's spool watched: the shim must rewrite its snapshot every {@code
 * SHIMWATCH_FLUSH_SECONDS}. When the seeder is stopped with SIGTERM its report must reach the
 * server with the counts strace saw, call kind by call kind.
 *
 * <p>30 minutes under {@code CI=true} or {@code -De2e.full=true}; otherwise a short version of
 * {@code -De2e.soak.minutes} (2), which says so in its {@code E2E soak:} line.
 */
@Order(7)
class SoakE2E {

  /** strace's names for the system calls behind the wrapped functions, and the report's kinds. */
  private static final Map<String, String> KINDS =
      Map.of(
          "select", "select",
          "pselect6", "pselect",
          "poll", "poll",
          "ppoll", "ppoll",
          "epoll_wait", "epoll_wait",
          "epoll_pwait", "epoll_pwait");

  /** Largest growth of the seeder's resident memory allowed over the last window (KiB). */
  private static final long RSS_GROWTH_LIMIT_KIB = 2048;

  @Test
  void aSeedingClientUnderTheShimForHalfAnHourKeepsItsCountsAndItsMemory() throws Exception {
    E2e.requireTools("aria2c", "opentracker", "mktorrent", "strace");
    E2e.Result traced =
        E2e.run(
            List.of("strace", "-qq", "-o", "/dev/null", "true"),
            Map.of(),
            E2e.runDir(),
            Duration.ofSeconds(30));
    if (traced.exit() != 0) {
      // A container without ptrace: strace is installed but cannot trace.
      MissingPart.skipOrFail("strace cannot trace here: " + traced.output().strip());
      return;
    }
    boolean longRun = "true".equals(System.getenv("CI")) || E2e.FULL;
    Duration length =
        longRun ? Duration.ofMinutes(30) : Duration.ofMinutes(Long.getLong("e2e.soak.minutes", 2));
    int flushSeconds = longRun ? 30 : 10;
    // The window memory must be flat over: the last 10 minutes, or the second half of a short run.
    Duration window = longRun ? Duration.ofMinutes(10) : length.dividedBy(2);

    ServerProcess server = ServerProcess.shared();
    Path work = E2e.newDir("soak");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(work.resolve("seed"));
    List<Process> started = new ArrayList<>();
    try {
      byte[] payload = new byte[4_000_000];
      new Random(10).nextBytes(payload);
      SwarmClients.TrackedTorrent tracked =
          SwarmClients.trackedTorrent(work, "soak", payload, started);
      String payloadSha = tracked.sha256();
      Path torrent = tracked.torrent();
      // The swarm's aria2c settings, logging at notice level so the logs show each transfer.
      List<String> common = new ArrayList<>(SwarmClients.ARIA2C_COMMON);
      common.replaceAll(
          a -> a.startsWith("--console-log-level=") ? "--console-log-level=notice" : a);

      // The seeder: shimwatch run -- strace -f -c -o FILE aria2c …, until SIGTERM.
      ProbeHome probe = new ProbeHome("soak", server.base());
      probe.consent(2);
      int seedPort = E2e.freePort();
      Path straceOut = work.resolve("strace.txt");
      List<String> cmd = new ArrayList<>();
      cmd.add(E2e.launcher().toString());
      cmd.addAll(List.of("run", "--outcome", "works", "--comment", "soak", "--"));
      cmd.addAll(
          List.of(
              "strace",
              "-f",
              "-qq",
              "-c",
              "-o",
              straceOut.toString(),
              "-e",
              "trace=" + String.join(",", KINDS.keySet()),
              "aria2c"));
      cmd.addAll(common);
      cmd.addAll(SwarmClients.seederArgs(work, seedPort, torrent));
      Map<String, String> env = probe.env();
      env.put("SHIMWATCH_FLUSH_SECONDS", Integer.toString(flushSeconds));
      Process run = E2e.start(cmd, env, probe.dir(), work.resolve("seeder.log"));
      started.add(run);
      SwarmE2E.awaitListening(seedPort, work.resolve("seeder.log"));
      ProcessHandle seeder =
          run.descendants()
              .filter(h -> h.info().command().map(c -> c.endsWith("/aria2c")).orElse(false))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no aria2c below " + run.info()));

      // Sample until the time is up: memory every 10 s, the spool every 5 s, a leecher in turn.
      long t0 = System.nanoTime();
      long end = t0 + length.toNanos();
      Map<Long, Long> rss = new LinkedHashMap<>(); // seconds since start -> KiB
      TreeSet<Long> snapshotsSeen = new TreeSet<>(); // writtenAtMs of each snapshot seen
      long maxAgeMs = 0;
      int leeches = 0;
      int leechesOk = 0;
      long nextRss = t0;
      long nextLeech = t0 + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < end) {
        assertThat(seeder.isAlive()).as("the seeder runs: %s", tail(work, "seeder.log")).isTrue();
        long now = System.nanoTime();
        if (now >= nextRss) {
          rss.put((now - t0) / 1_000_000_000L, E2e.rssKib(seeder.pid()));
          nextRss += Duration.ofSeconds(10).toNanos();
        }
        List<Long> written = snapshotTimes(probe.state().resolve("runs"));
        snapshotsSeen.addAll(written);
        if (!written.isEmpty()) {
          // How old the newest snapshot is: never much more than one interval.
          long age = System.currentTimeMillis() - java.util.Collections.max(written);
          maxAgeMs = Math.max(maxAgeMs, age);
        } else {
          assertThat((System.nanoTime() - t0) / 1_000_000_000L)
              .as("no snapshot yet, flushing every %d s", flushSeconds)
              .isLessThan(flushSeconds + 10L);
        }
        if (now >= nextLeech) {
          leeches++;
          Path into = Files.createDirectories(work.resolve("leech-" + leeches));
          List<String> leech = new ArrayList<>(List.of("aria2c"));
          leech.addAll(common);
          leech.addAll(
              List.of(
                  "--dir=" + into,
                  "--listen-port=" + E2e.freePort(),
                  "--seed-time=0",
                  torrent.toString()));
          E2e.Result got = E2e.run(leech, Map.of(), work, Duration.ofSeconds(90));
          if (got.exit() == 0 && payloadSha.equals(SwarmE2E.sha256(into.resolve("payload.bin")))) {
            leechesOk++;
          }
          E2e.deleteTree(into);
          nextLeech = System.nanoTime() + Duration.ofSeconds(longRun ? 60 : 20).toNanos();
        }
        ServerProcess.sleep(5_000);
      }
      long ranSeconds = (System.nanoTime() - t0) / 1_000_000_000L;

      // Stop the seeder as a user would; strace writes its count, the probe its report.
      new ProcessBuilder("kill", "-TERM", Long.toString(seeder.pid())).start().waitFor();
      assertThat(run.waitFor(180, java.util.concurrent.TimeUnit.SECONDS))
          .as("the run ends: %s", tail(work, "seeder.log"))
          .isTrue();
      assertThat(run.exitValue()).as("shimwatch run: %s", tail(work, "seeder.log")).isZero();
      Map<String, Long> straced = straceCalls(Files.readString(straceOut));

      List<String> sent = probe.sentIds();
      assertThat(sent).as("the seeder's report: %s", tail(work, "seeder.log")).hasSize(1);
      JsonNode stored = server.adminJson("/api/v1/admin/projects/default/reports/" + sent.get(0));
      JsonNode calls = stored.at("/document/metrics/calls");
      Map<String, Long> reported = new LinkedHashMap<>();
      calls
          .properties()
          .forEach(e -> reported.put(e.getKey(), e.getValue().path("count").asLong()));
      assertThat(stored.at("/document/traps").size()).as("no trap").isZero();

      // Its counts are the client's own, kind by kind.
      assertThat(reported).as("the report's counts against strace's").isEqualTo(straced);
      // The snapshot was rewritten all along: whenever it was looked at, it was at most one
      // interval old (plus the wait for the seeder's next wrapped call, which writes it).
      assertThat(maxAgeMs)
          .as("oldest snapshot seen, flushing every %d s", flushSeconds)
          .isLessThanOrEqualTo(flushSeconds * 1000L + 5_000L);
      assertThat((long) snapshotsSeen.size())
          .as("snapshots seen over %d s", ranSeconds)
          .isGreaterThanOrEqualTo(ranSeconds / flushSeconds / 2);
      // Memory flat over the window.
      long windowStart = ranSeconds - window.toSeconds();
      long atWindowStart =
          rss.entrySet().stream()
              .filter(e -> e.getKey() >= windowStart)
              .findFirst()
              .orElseThrow()
              .getValue();
      long maxAfter =
          rss.entrySet().stream()
              .filter(e -> e.getKey() >= windowStart)
              .mapToLong(Map.Entry::getValue)
              .max()
              .orElseThrow();
      long first = rss.values().iterator().next();
      long last = new ArrayList<>(rss.values()).get(rss.size() - 1);
      assertThat(maxAfter - atWindowStart)
          .as("RSS growth over the last %d s (samples %s)", window.toSeconds(), rss)
          .isLessThan(RSS_GROWTH_LIMIT_KIB);
      assertThat(leechesOk).as("leechers that got the file").isEqualTo(leeches).isPositive();

      E2e.figures(
          "soak",
          E2e.map(
              "minutes",
              String.format("%.1f", ranSeconds / 60.0),
              "version",
              longRun
                  ? "full-30-min"
                  : "short-" + length.toMinutes() + "-min_(CI=true_or_-De2e.full=true_runs_30)",
              "flushEverySeconds",
              flushSeconds,
              "snapshotsSeen",
              snapshotsSeen.size(),
              "oldestSnapshotSeenMs",
              maxAgeMs,
              "rssFirstKib",
              first,
              "rssLastKib",
              last,
              "rssGrowthLastWindowKib",
              maxAfter - atWindowStart,
              "windowSeconds",
              window.toSeconds(),
              "leeches",
              leechesOk + "/" + leeches,
              "reportCalls",
              reported.toString().replace(' ', '_'),
              "straceCalls",
              straced.toString().replace(' ', '_')));
    } finally {
      for (Process p : started) {
        E2e.destroyTree(p);
      }
    }
  }

  /** writtenAtMs of every snapshot file now in the run's spool under {@code runs}. */
  private static List<Long> snapshotTimes(Path runs) {
    List<Long> times = new ArrayList<>();
    try (Stream<Path> all = Files.walk(runs, 2)) {
      for (Path f :
          all.filter(p -> p.getFileName().toString().matches("snapshot-.*\\.json")).toList()) {
        try {
          times.add(ReportJson.mapper().readTree(Files.readString(f)).path("writtenAtMs").asLong());
        } catch (Exception e) {
          // Replaced while being read (it is renamed into place): the next look sees it.
        }
      }
    } catch (Exception e) {
      // No spool yet.
    }
    return times;
  }

  /**
   * The calls column of {@code strace -c}, by the report's call kind; a kind strace saw no call of
   * is left out, as the report leaves it out.
   */
  static Map<String, Long> straceCalls(String summary) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : summary.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 5 || !KINDS.containsKey(f[f.length - 1])) {
        continue;
      }
      // % time, seconds, usecs/call, calls, [errors,] syscall
      long count = Long.parseLong(f[3]);
      if (count > 0) {
        out.put(KINDS.get(f[f.length - 1]), count);
      }
    }
    return out;
  }

  private static String tail(Path work, String log) {
    String s = E2e.read(work.resolve(log));
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
