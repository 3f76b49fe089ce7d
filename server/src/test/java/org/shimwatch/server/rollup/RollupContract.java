package org.shimwatch.server.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.demo.DemoReports;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.InstallationDeletion;
import org.shimwatch.server.report.ReportStore;
import org.shimwatch.web.matrix.MatrixQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rollups' contract, the same on H2 and PostgreSQL: after any stream of ingests (grouped by the
 * writer), deletions of whole installations (some while reports are being written) and pruned raw
 * documents, a rebuild from the stored reports gives exactly the rollups ingest and deletion
 * maintained, and the matrix and the trends agree with counts made straight from the report rows.
 */
abstract class RollupContract {

  static final Instant END = Instant.parse("2026-11-20T12:00:00Z");

  @Autowired ReportStore store;
  @Autowired InstallationDeletion deletion;
  @Autowired RollupRebuild rebuild;
  @Autowired ProjectService projects;
  @Autowired JdbcTemplate jdbc;
  @Autowired MatrixQuery matrix;

  static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 23, 37, 41})
  void aRebuildGivesExactlyWhatIngestAndDeletionMaintained(long seed) throws Exception {
    Project project =
        projects.create("rollup-" + seed + "-" + UUID.randomUUID().toString().substring(0, 8), "");
    long projectId = project.getId();
    SplittableRandom random = new SplittableRandom(seed);
    DemoReports demo = new DemoReports(seed, END, 24);
    String run = UUID.randomUUID().toString();
    Map<Integer, UUID> stored = new LinkedHashMap<>();
    int deletions = 0;

    for (int step = 0; step < 30; step++) {
      int roll = random.nextInt(10);
      if (roll < 7 || stored.isEmpty()) {
        List<Callable<Object>> tasks = new ArrayList<>();
        List<Integer> burstInstallations = new ArrayList<>();
        for (DemoReports.Generated g : demo.next(1 + random.nextInt(30))) {
          int n = g.installation();
          Report r = withInstallation(g.report(), installation(run, n), random);
          burstInstallations.add(n);
          stored.put(n, r.installationId());
          tasks.add(() -> store.store(projectId, r, ReportJson.write(r), secret(run, n), false));
        }
        // Now and then an installation not in this burst is deleted while it is written.
        List<Integer> others =
            stored.keySet().stream().filter(i -> !burstInstallations.contains(i)).toList();
        if (random.nextInt(3) == 0 && !others.isEmpty()) {
          int n = others.get(random.nextInt(others.size()));
          stored.remove(n);
          deletions++;
          tasks.add(() -> deletion.delete(installation(run, n), secret(run, n)));
        }
        for (Future<Object> f : pool.invokeAll(tasks)) {
          f.get();
        }
      } else if (roll < 9) {
        List<Integer> alive = new ArrayList<>(stored.keySet());
        int n = alive.get(random.nextInt(alive.size()));
        stored.remove(n);
        deletions++;
        deletion.delete(installation(run, n), secret(run, n));
      } else {
        // Retention: raw documents go, the rows the rollups are rebuilt from stay.
        jdbc.update(
            "UPDATE report SET raw_json = NULL, raw_pruned_at = ? WHERE project_id = ? AND"
                + " MOD(id, 3) = ?",
            Timestamp.from(Instant.now()),
            projectId,
            random.nextInt(3));
      }
    }
    int reports =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM report WHERE project_id = ?", Integer.class, projectId);
    assertThat(reports).isPositive();
    assertThat(deletions).isPositive();
    Map<String, List<String>> incremental = RollupSnapshot.of(jdbc, projectId);
    assertThat(incremental.get("matrix_cell")).isNotEmpty();
    assertThat(incremental.get("trap_group_stats")).isNotEmpty();
    assertThat(incremental.get("latency_rollup")).isNotEmpty();

    assertThat(MatrixFromReports.clientCellsFromMatrix(matrix, project.getSlug()))
        .containsExactlyElementsOf(MatrixFromReports.clientCells(jdbc, projectId));
    assertThat(incremental.get("trend_cohort")).isNotEmpty();
    TrendsFromReports.assertAgree(jdbc, projectId);

    RollupRebuild.Result result = rebuild.rebuild(projectId);

    assertThat(result.reports()).isEqualTo(reports);
    assertThat(result.resignedTraps()).isZero();
    Map<String, List<String>> rebuilt = RollupSnapshot.of(jdbc, projectId);
    for (String table : incremental.keySet()) {
      assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(incremental.get(table));
    }
  }

  static UUID installation(String run, int n) {
    return UUID.nameUUIDFromBytes((run + "/" + n).getBytes());
  }

  static String secret(String run, int n) {
    return "rollup-contract-secret-" + run + "-" + n;
  }

  /** The report from another installation; one in ten says nothing about its outcome. */
  private static Report withInstallation(Report r, UUID installation, SplittableRandom random) {
    Outcome outcome = random.nextInt(10) == 0 ? Outcome.UNKNOWN : r.outcome();
    return new Report(
        r.schemaVersion(),
        r.reportId(),
        installation,
        r.consentLevel(),
        r.createdAt(),
        r.source(),
        r.period(),
        outcome,
        r.comment(),
        r.environment(),
        r.metrics(),
        r.traps(),
        r.selfTests());
  }
}
