package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.ReportValidator;

/**
 * Scenario 4: probes killed with SIGKILL at random moments, then run again. Each probe is killed
 * while it makes and queues new reports ({@code shimwatch submit}) and while it sends a backlog
 * ({@code shimwatch submit --pending}); afterwards every report that reached its outbox is on the
 * server exactly once, and every file the probe kept is a whole, valid report.
 */
@Order(5)
class ProbeKillE2E {

  @Test
  void killedProbesLoseNothingCorruptNothingAndSendNothingTwice() throws Exception {
    int probeCount = E2e.scale(4, 10);
    int backlog = E2e.scale(20, 60);
    int newReportKills = E2e.scale(4, 15);
    int sendKills = E2e.scale(4, 15);
    ServerProcess server = ServerProcess.shared();
    AtomicInteger kills = new AtomicInteger();
    AtomicInteger exitedBeforeKill = new AtomicInteger();
    List<ProbeHome> probes = new ArrayList<>();
    Set<String> queued = new HashSet<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < probeCount; i++) {
        ProbeHome p = new ProbeHome("killed-probe-" + i, server.base());
        probes.add(p);
        Random random = new Random(100 + i);
        work.add(
            pool.submit(
                () -> {
                  p.consent(1);
                  // Killed while making, queuing and sending a new report.
                  for (int k = 0; k < newReportKills; k++) {
                    killAtRandom(
                        p,
                        random,
                        kills,
                        exitedBeforeKill,
                        "submit",
                        "--client-name",
                        "e2e-killed",
                        "--client-version",
                        "1.0",
                        "--outcome",
                        "works",
                        "--comment",
                        "run " + k + " from " + E2e.PLANTED_IPS.get(2) + " in " + E2e.PLANTED_HOME);
                  }
                  // Killed while sending a backlog.
                  List<UUID> ids = p.queue(backlog, "level1-environment-only", null);
                  synchronized (queued) {
                    ids.forEach(id -> queued.add(id.toString()));
                  }
                  for (int k = 0; k < sendKills; k++) {
                    killAtRandom(p, random, kills, exitedBeforeKill, "submit", "--pending");
                  }
                  // Then left alone: everything waiting goes out.
                  for (int attempt = 0; attempt < 5 && p.outboxSize() > 0; attempt++) {
                    p.cli("submit", "--pending");
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get(E2e.FULL ? 20 : 5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    // Every file each probe kept is a whole report; nothing waits any more.
    int corrupt = 0;
    int waiting = 0;
    int rejected = 0;
    Set<String> sent = new HashSet<>();
    for (ProbeHome p : probes) {
      corrupt +=
          corruptFiles(p.state().resolve("outbox")) + corruptFiles(p.state().resolve("sent"));
      waiting += p.outboxSize();
      rejected += p.rejectedSize();
      sent.addAll(p.sentIds());
    }
    Set<String> expected = new HashSet<>(queued);
    expected.addAll(sent);

    // The server's rows, read from its database once it has stopped.
    server.stop();
    E2e.Tally tally;
    try (Connection c = server.database(); ) {
      tally = E2e.tally(c, expected);
    }
    int stored = tally.stored();
    int duplicates = tally.duplicates();
    int lost = tally.lost();
    E2e.figures(
        "probe-killed",
        E2e.map(
            "probes",
            probeCount,
            "kills",
            kills.get(),
            "endedBeforeKill",
            exitedBeforeKill.get(),
            "queued",
            expected.size(),
            "stored",
            stored,
            "duplicates",
            duplicates,
            "lost",
            lost,
            "corrupt",
            corrupt,
            "waiting",
            waiting,
            "rejected",
            rejected));
    assertThat(kills.get()).isPositive();
    assertThat(corrupt).isZero();
    assertThat(waiting).isZero();
    assertThat(rejected).isZero();
    assertThat(lost).isZero();
    assertThat(duplicates).isZero();
    assertThat(queued).isNotEmpty();
  }

  /** Starts the CLI and kills it with SIGKILL after a random moment of its run. */
  private static void killAtRandom(
      ProbeHome p,
      Random random,
      AtomicInteger kills,
      AtomicInteger exitedBeforeKill,
      String... args)
      throws Exception {
    Path out = Files.createTempFile(p.dir(), "cli-", ".out");
    Process proc = p.cliInBackground(out, args);
    try {
      // The JVM starts in about half a second and a run takes one to two: kill anywhere in it.
      if (proc.waitFor(200 + random.nextInt(1800), TimeUnit.MILLISECONDS)) {
        exitedBeforeKill.incrementAndGet();
      } else {
        kills.incrementAndGet();
      }
    } finally {
      E2e.destroyTree(proc);
    }
  }

  /** Queue-named files in a folder that are not valid reports. */
  private static int corruptFiles(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    int bad = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.matches("\\d{16}-[0-9a-f-]{36}\\.json")) {
          continue; // receipts, and temporary files the queue ignores
        }
        try {
          ReportValidator.instance().parse(Files.readAllBytes(f));
        } catch (InvalidReportException e) {
          bad++;
        }
      }
    }
    return bad;
  }
}
