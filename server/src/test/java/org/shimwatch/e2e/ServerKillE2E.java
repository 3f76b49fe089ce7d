package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the server is killed with SIGKILL and started again, several times, while probes
 * (each with its own state folder and outbox) send their queued reports with {@code shimwatch
 * submit --pending}. Afterwards every report is stored exactly once. Full: 20 probes, 5,000
 * reports, 3 kills; short: 10 probes, 200 reports, 2 kills.
 */
@Order(3)
class ServerKillE2E {

  @Test
  void everyReportIsStoredExactlyOnceAcrossServerKills() throws Exception {
    int probeCount = E2e.scale(10, 20);
    int perProbe = E2e.scale(20, 250);
    int kills = E2e.scale(2, 3);
    Duration limit = E2e.scale(Duration.ofMinutes(3), Duration.ofMinutes(15));
    // One installation sends a probe's whole backlog here: the per-installation limit (a guard
    // against runaway loops) is raised so that what is measured is durability, not throttling.
    ServerProcess server =
        ServerProcess.h2(
            "killed",
            "--shimwatch.ingest.per-installation-per-minute=1000000",
            "--shimwatch.ingest.per-installation-burst=1000000");
    ExecutorService pool = Executors.newFixedThreadPool(probeCount);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      server.start();
      List<ProbeHome> probes = new ArrayList<>();
      Set<String> expected = new HashSet<>();
      List<Future<?>> setup = new ArrayList<>();
      for (int i = 0; i < probeCount; i++) {
        ProbeHome p = new ProbeHome("killed-" + i, server.base());
        probes.add(p);
      }
      ExecutorService few = Executors.newFixedThreadPool(4);
      try {
        for (ProbeHome p : probes) {
          setup.add(
              few.submit(
                  () -> {
                    p.consent(2);
                    List<UUID> ids =
                        p.queue(
                            perProbe,
                            "linux-aria2c-works",
                            "seeding from "
                                + E2e.PLANTED_IPS.get(0)
                                + " into "
                                + E2e.PLANTED_HOME
                                + "dl as "
                                + E2e.PLANTED_USER);
                    synchronized (expected) {
                      ids.forEach(id -> expected.add(id.toString()));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : setup) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        few.shutdownNow();
      }
      int total = probeCount * perProbe;
      assertThat(expected).hasSize(total);

      long deadline = System.nanoTime() + limit.toNanos();
      AtomicInteger invocations = new AtomicInteger();
      // At most this many CLI runs at once: twenty probes on two cores otherwise spend the
      // machine on starting JVMs.
      Semaphore running = new Semaphore(4);
      java.util.Random random = new java.util.Random(3);
      List<Future<Integer>> senders = new ArrayList<>();
      for (ProbeHome p : probes) {
        senders.add(
            pool.submit(
                () -> {
                  int runs = 0;
                  int failures = 0;
                  while (!stop.get() && System.nanoTime() < deadline && p.outboxSize() > 0) {
                    E2e.Result r;
                    running.acquire();
                    try {
                      r = p.cli("submit", "--pending");
                    } finally {
                      running.release();
                    }
                    runs++;
                    invocations.incrementAndGet();
                    if (r.exit() != 0) {
                      // Like a user retrying later: 1, 2, 4, 8 s with jitter, so a server that
                      // is starting again is not starved by twenty probes starting JVMs.
                      failures++;
                      long wait = 1000L << Math.min(3, failures - 1);
                      ServerProcess.sleep(wait / 2 + random.nextLong(wait / 2 + 1));
                    } else {
                      failures = 0;
                    }
                  }
                  return runs;
                }));
      }

      // Kill when a share of the backlog has gone, so each kill lands while probes are sending.
      int done = 0;
      List<Integer> killedAt = new ArrayList<>();
      for (int k = 1; k <= kills; k++) {
        int threshold = total * k / (kills + 2);
        while (System.nanoTime() < deadline && (done = total - waiting(probes)) < threshold) {
          ServerProcess.sleep(20);
        }
        assertThat(done).as("the probes stalled before kill %d", k).isLessThan(total);
        server.kill();
        killedAt.add(done);
        server.launch();
        server.awaitHealthy();
      }
      for (Future<Integer> f : senders) {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      int left = waiting(probes);
      int rejected = 0;
      for (ProbeHome p : probes) {
        rejected += p.rejectedSize();
      }
      server.stop();

      E2e.Tally tally;
      try (Connection c = server.database()) {
        tally = E2e.tally(c, expected);
      }
      int stored = tally.stored();
      int duplicates = tally.duplicates();
      int lost = total - stored;
      int strangers = tally.strangers();
      E2e.figures(
          "server-killed",
          E2e.map(
              "probes",
              probeCount,
              "sent",
              total,
              "stored",
              stored,
              "duplicates",
              duplicates,
              "lost",
              lost,
              "kills",
              killedAt.size(),
              "killedAfterStored",
              killedAt,
              "cliRuns",
              invocations.get(),
              "leftInOutboxes",
              left,
              "rejected",
              rejected));
      assertThat(killedAt).hasSize(kills);
      assertThat(left).as("reports still waiting").isZero();
      assertThat(rejected).as("reports the server refused").isZero();
      assertThat(strangers).as("rows nobody sent").isZero();
      assertThat(duplicates).isZero();
      assertThat(lost).isZero();
    } finally {
      stop.set(true);
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      server.kill();
    }
  }

  private static int waiting(List<ProbeHome> probes) throws Exception {
    int n = 0;
    for (ProbeHome p : probes) {
      n += p.outboxSize();
    }
    return n;
  }
}
