package org.shimwatch.server.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.demo.DemoReports;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.ReportStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reports stored before the analytics tables existed: the first start after the upgrade gives them
 * their trap and call rows from their raw documents and builds the rollups they would have had.
 */
@SpringBootTest
class RollupBackfillIntegrationTests {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("shimwatch-h2-backfill").toString();
    registry.add("shimwatch.data-dir", () -> dir);
  }

  @Autowired ReportStore store;
  @Autowired ProjectService projects;
  @Autowired JdbcTemplate jdbc;
  @Autowired RollupBackfill backfill;

  @Test
  void earlierReportsGetTheirRowsFromTheirRawDocumentsAndTheRollupsAreBuilt() {
    Project project = projects.create("backfill", "");
    long id = project.getId();
    DemoReports demo = new DemoReports(5, Instant.parse("2026-11-20T12:00:00Z"), 15);
    for (DemoReports.Generated g : demo.next(120)) {
      store.store(
          id,
          g.report(),
          ReportJson.write(g.report()),
          DemoReports.installationSecret(g.installation()),
          false);
    }
    Map<String, List<String>> expected = RollupSnapshot.of(jdbc, id);
    assertThat(expected.get("report_trap")).isNotEmpty();
    // As the tables were before the upgrade: reports only, and the migration's note.
    for (String table :
        List.of(
            "matrix_member",
            "matrix_distinct",
            "matrix_cell",
            "matrix_row",
            "latency_rollup",
            "report_trap",
            "trap_group_stats")) {
      jdbc.update("DELETE FROM " + table + " WHERE project_id = ?", id);
    }
    jdbc.update("UPDATE report SET calls = '', fd_above_setsize = 0 WHERE project_id = ?", id);
    jdbc.update(
        "DELETE FROM trap_group_member WHERE group_id IN (SELECT id FROM trap_group WHERE"
            + " project_id = ?)",
        id);
    jdbc.update(
        "DELETE FROM trap_group_dim WHERE group_id IN (SELECT id FROM trap_group WHERE"
            + " project_id = ?)",
        id);
    jdbc.update(
        "INSERT INTO rollup_pending (project_id, max_report_row) SELECT project_id, MAX(id) FROM"
            + " report WHERE project_id = ? GROUP BY project_id",
        id);

    backfill.run(new DefaultApplicationArguments());

    assertThat(RollupSnapshot.of(jdbc, id)).isEqualTo(expected);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rollup_pending", Integer.class)).isZero();
  }

  @Test
  void aReportWhoseRawDocumentIsGoneStillCountsInTheMatrix() {
    Project project = projects.create("backfill-pruned", "");
    long id = project.getId();
    var g = new DemoReports(6, Instant.parse("2026-11-20T12:00:00Z"), 1).next();
    var r = g.report();
    store.store(
        id, r, ReportJson.write(r), DemoReports.installationSecret(g.installation()), false);
    jdbc.update("UPDATE report SET raw_json = NULL WHERE project_id = ?", id);
    jdbc.update("DELETE FROM matrix_member WHERE project_id = ?", id);
    jdbc.update("DELETE FROM matrix_distinct WHERE project_id = ?", id);
    jdbc.update("DELETE FROM matrix_cell WHERE project_id = ?", id);
    jdbc.update("DELETE FROM matrix_row WHERE project_id = ?", id);
    jdbc.update("UPDATE report SET calls = '', fd_above_setsize = 0 WHERE project_id = ?", id);
    jdbc.update("DELETE FROM report_trap WHERE project_id = ?", id);
    jdbc.update(
        "INSERT INTO rollup_pending (project_id, max_report_row) SELECT project_id, MAX(id) FROM"
            + " report WHERE project_id = ? GROUP BY project_id",
        id);

    backfill.run(new DefaultApplicationArguments());

    int counted =
        jdbc.queryForObject(
            "SELECT COALESCE(SUM(reports), 0) + (SELECT COALESCE(SUM(shim_inactive), 0) FROM"
                + " matrix_row WHERE project_id = ?) FROM matrix_cell WHERE project_id = ?",
            Integer.class,
            id,
            id);
    assertThat(counted).isEqualTo(1);
  }
}
