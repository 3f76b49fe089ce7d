package org.shimwatch.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ShimwatchServerApplication;
import org.shimwatch.server.demo.DemoReports;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.BulkReports;
import org.shimwatch.server.report.InstallationDeletion;
import org.shimwatch.server.report.ReportStore;
import org.shimwatch.server.rollup.ReportChildren;
import org.shimwatch.server.rollup.RollupRebuild;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.traps.TrapGroupQuery;
import org.shimwatch.web.traps.TrapGroupView;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Benchmark, not a test: the public matrix and the trap-group list at a million realistic reports
 * on the embedded H2 database, against computing the same answers straight from the report rows in
 * the same run. The server runs in this process on a fresh data folder.
 *
 * <p>Loading: demo reports go into the report tables in large transactions, rows built as the
 * report writer builds them, and the rollups are then rebuilt from them once (the rollup contract
 * tests hold a rebuild equal to what ingest keeps); through the writer itself a million reports
 * take about nine minutes here. Raw documents are not stored, as for reports older than the
 * retention period: nothing here reads them. Measuring: the server's own database settings; then,
 * as context, reports stored through the writer at that size and one installation deleted, after
 * which the matrix must still equal the one counted from the report rows.
 *
 * <p>Run with {@code mvn -q -Pbench -DskipTests verify}; arguments: reports (1000000) and
 * installations (100000).
 */
public final class MatrixBenchmark {

  /** Threads storing reports: enough waiting requests for full 256-report commits. */
  static final int WRITERS = 48;

  static final int MEASURED_CALLS = 60;
  static final int WARM_UP_CALLS = 10;

  /** Counting from the report rows takes seconds a call at full size: a few calls tell enough. */
  static final int BASELINE_CALLS = 3;

  /** None: the comparison of both answers before the timing has run it once already. */
  static final int BASELINE_WARM_UP = 0;

  /** Reports stored through the writer after the load. */
  static final int INGESTED = 20_000;

  static final long SEED = 1_000_000L;

  static final Instant END = Instant.parse("2026-11-20T12:00:00Z");

  private MatrixBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reports = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int installations = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path dir = Files.createTempDirectory("shimwatch-matrix-bench");
    try {
      // Loading: a large cache and commits written to the file in the background, so a million
      // reports go in within minutes; the rollups are kept exactly as in production.
      try (ConfigurableApplicationContext loading =
          start(dir, "WRITE_DELAY=500;CACHE_SIZE=524288")) {
        load(loading, reports, installations);
      }
      // Measuring: the server's own settings, and no reuse of an earlier identical query's result
      // (H2 keeps one while no table changed; under live ingest they always change).
      try (ConfigurableApplicationContext serving =
          start(dir, "WRITE_DELAY=0;CACHE_SIZE=65536;OPTIMIZE_REUSE_RESULTS=FALSE")) {
        measure(serving, reports);
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static ConfigurableApplicationContext start(Path dir, String settings) {
    return new SpringApplication(ShimwatchServerApplication.class)
        .run(
            "--shimwatch.data-dir=" + dir,
            "--spring.datasource.url=jdbc:h2:file:"
                + dir
                + "/shimwatch;DB_CLOSE_ON_EXIT=FALSE;"
                + settings,
            "--server.port=0",
            "--shimwatch.admin-password=bench-admin-password",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN");
  }

  private static void load(ConfigurableApplicationContext context, int count, int installations) {
    long project =
        context.getBean(ProjectService.class).create("bench", "Matrix benchmark").getId();
    BulkReports bulk =
        new BulkReports(
            context.getBean(JdbcTemplate.class),
            context.getBean(PlatformTransactionManager.class),
            context.getBean(ReportChildren.class));
    DemoReports demo = new DemoReports(SEED, END, installations);
    long t0 = System.nanoTime();
    long last = t0;
    for (int done = 0; done < count; ) {
      int n = Math.min(10_000, count - done);
      bulk.store(project, demo.next(n));
      done += n;
      if (System.nanoTime() - last > TimeUnit.SECONDS.toNanos(15) || done == count) {
        System.out.printf("server bench matrix h2: %d of %d reports stored%n", done, count);
        last = System.nanoTime();
      }
    }
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    RollupRebuild.Result rebuilt = context.getBean(RollupRebuild.class).rebuild(project);
    System.out.printf(
        "server bench matrix h2: stored %d reports from %d installations in %.0f s; rollups"
            + " rebuilt from %d reports in %.0f s%n",
        count, installations, loadSeconds, rebuilt.reports(), (System.nanoTime() - t1) / 1e9);
  }

  private static void measure(ConfigurableApplicationContext context, int count) {
    MatrixQuery matrix = context.getBean(MatrixQuery.class);
    TrapGroupQuery traps = context.getBean(TrapGroupQuery.class);
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    long project = context.getBean(ProjectService.class).find("bench").orElseThrow().getId();

    MatrixRequest open = MatrixRequest.publicDefault();
    Supplier<MatrixView> fromRollups = () -> matrix.matrix("bench", open).orElseThrow();
    Supplier<MatrixView> fromReports = () -> ReportRowsMatrix.compute(jdbc, project, "bench", 3);
    MatrixView a = fromRollups.get();
    MatrixView b = fromReports.get();
    if (!sameCells(a, b)) {
      throw new IllegalStateException("the rollups and the report rows give different matrices");
    }
    Timing rollup =
        time(
            () -> ReportJson.mapper().writeValueAsString(fromRollups.get()),
            MEASURED_CALLS,
            WARM_UP_CALLS);
    Timing baseline =
        time(
            () -> ReportJson.mapper().writeValueAsString(fromReports.get()),
            BASELINE_CALLS,
            BASELINE_WARM_UP);
    System.out.printf(
        "server bench matrix h2: public matrix (%d cells) p95 %.1f ms, p50 %.1f ms over %d calls"
            + " at %d reports; from report rows %.0f ms (slowest of 3): %.0fx faster (target p95 <= 50"
            + " ms)%n",
        a.cells().size(),
        rollup.p95(),
        rollup.p50(),
        MEASURED_CALLS,
        count,
        baseline.p95(),
        baseline.p95() / rollup.p95());

    Supplier<List<TrapGroupView>> groups = () -> traps.groups("bench", null).orElseThrow();
    Supplier<List<String>> groupsFromReports = () -> ReportRowsMatrix.trapGroups(jdbc, project);
    if (groups.get().size() != groupsFromReports.get().size()) {
      throw new IllegalStateException("the rollups and the report rows give other trap groups");
    }
    Timing trapRollup = time(groups::get, MEASURED_CALLS, WARM_UP_CALLS);
    Timing trapBaseline = time(groupsFromReports::get, BASELINE_CALLS, BASELINE_WARM_UP);
    System.out.printf(
        "server bench matrix h2: trap groups (%d groups) p95 %.1f ms, p50 %.1f ms over %d calls;"
            + " from report rows %.0f ms (slowest of 3): %.0fx faster%n",
        groups.get().size(),
        trapRollup.p95(),
        trapRollup.p50(),
        MEASURED_CALLS,
        trapBaseline.p95(),
        trapBaseline.p95() / trapRollup.p95());

    // Context: the writer path and a deletion at this size, then the matrix must still be right.
    ReportStore store = context.getBean(ReportStore.class);
    long t0 = System.nanoTime();
    store(store, project, INGESTED, SEED + 1, 100_000);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "server bench matrix h2: %d more reports through the report writer, rollups kept per"
            + " commit: %.0f reports/s at %d reports (context)%n",
        INGESTED, INGESTED / seconds, count);
    // Installation 7 of the demo has reports whatever size the benchmark is run with.
    InstallationDeletion deletion = context.getBean(InstallationDeletion.class);
    long t1 = System.nanoTime();
    InstallationDeletion.Deleted deleted =
        deletion.delete(DemoReports.installationId(7), DemoReports.installationSecret(7));
    System.out.printf(
        "server bench matrix h2: one installation's %d reports deleted, rollups subtracted, in"
            + " %.0f ms (context)%n",
        deleted.reportsDeleted(), (System.nanoTime() - t1) / 1e6);
    if (!sameCells(fromRollups.get(), fromReports.get())) {
      throw new IllegalStateException("after ingest and deletion the matrices differ");
    }
    System.out.println(
        "server bench matrix h2: after them the matrix still equals the one counted from the"
            + " report rows");
  }

  /** Stores the reports from many threads, so the writer commits them in full batches. */
  private static void store(
      ReportStore store, long project, int count, long seed, int installations) {
    DemoReports demo = new DemoReports(seed, END, installations);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      int chunk = 20_000;
      int done = 0;
      long last = System.nanoTime();
      while (done < count) {
        int n = Math.min(chunk, count - done);
        List<DemoReports.Generated> reports = demo.next(n);
        List<Future<?>> pending = new ArrayList<>(n);
        for (DemoReports.Generated g : reports) {
          String secret = DemoReports.installationSecret(g.installation());
          pending.add(pool.submit(() -> store.store(project, g.report(), null, secret, false)));
        }
        for (Future<?> f : pending) {
          try {
            f.get();
          } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
          }
        }
        done += n;
        if (System.nanoTime() - last > TimeUnit.SECONDS.toNanos(15) || done == count) {
          System.out.printf("server bench matrix h2: %d of %d reports stored%n", done, count);
          last = System.nanoTime();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Milliseconds of each call, warm-up left out. */
  record Timing(double[] millis) {
    double p50() {
      return millis[(int) Math.ceil(0.5 * millis.length) - 1];
    }

    double p95() {
      return millis[(int) Math.ceil(0.95 * millis.length) - 1];
    }
  }

  private static Timing time(Supplier<?> call, int calls, int warmUp) {
    for (int i = 0; i < warmUp; i++) {
      call.get();
    }
    double[] millis = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t = System.nanoTime();
      call.get();
      millis[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(millis);
    return new Timing(millis);
  }

  /** Whether both matrices have the same cells: key, tier and counts. */
  static boolean sameCells(MatrixView a, MatrixView b) {
    return cells(a).equals(cells(b));
  }

  private static Map<String, String> cells(MatrixView v) {
    Map<String, String> m = new HashMap<>();
    for (MatrixCell c : v.cells()) {
      String key = v.rows().get(c.row()).key() + "|" + v.columns().get(c.column()).label();
      m.put(
          key,
          c.tier()
              + "|"
              + c.reports()
              + "|"
              + c.installations()
              + "|"
              + c.outcomes()
              + "|"
              + c.evidence()
              + "|"
              + c.lastSeen());
    }
    return m;
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
