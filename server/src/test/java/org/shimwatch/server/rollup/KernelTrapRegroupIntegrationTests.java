package org.shimwatch.server.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V15__locate_kernel_traps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.ReportStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database whose kernel trap screens all sat in one group, as before migration 15: the
 * migration's fill and the rebuild on the next start leave one group per trap number and CS:EIP,
 * with the same screen sent twice in one group and the old group without counts.
 */
@SpringBootTest
class KernelTrapRegroupIntegrationTests {

  private static final String OLD_KEY = "c0000005|OS2KRNL|?";

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("shimwatch-h2-kernel").toString();
    registry.add("shimwatch.data-dir", () -> dir);
  }

  @Autowired ReportStore store;
  @Autowired ProjectService projects;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired RollupBackfill backfill;

  @Test
  void oneOldGroupOfKernelScreensSplitsByTrapNumberAndPlace() throws Exception {
    long id = projects.create("kernel-regroup", "").getId();
    // The example report: TRAP 000e in OS2KRNL at 0168:fff3cd2e, sent before reports carried
    // a location (the raw document has the register dump only).
    String trap000e = example();
    String trap000d = trap000e.replace("\"000e\"", "\"000d\"").replace("fff3cd2e", "fff4b7e2");
    store(id, trap000e);
    store(id, trap000e);
    store(id, trap000d);
    assertThat(groups(id))
        .containsOnly(
            Map.entry("trap-000e|OS2KRNL|168:fff3cd2e", 2L),
            Map.entry("trap-000d|OS2KRNL|168:fff4b7e2", 1L));

    // As such a database was before migration 15: no locations, one group holding all three.
    jdbc.update(
        "UPDATE report_trap SET trap_location = NULL, signature = ? WHERE project_id = ?",
        OLD_KEY,
        id);
    String groupsOf = "SELECT id FROM trap_group WHERE project_id = ?";
    jdbc.update("DELETE FROM trap_group_dim WHERE group_id IN (" + groupsOf + ")", id);
    jdbc.update("DELETE FROM trap_group_member WHERE group_id IN (" + groupsOf + ")", id);
    jdbc.update("DELETE FROM trap_group_stats WHERE project_id = ?", id);
    jdbc.update("DELETE FROM trap_group WHERE project_id = ?", id);
    jdbc.update(
        "INSERT INTO trap_group (project_id, signature, fault_code, module_name, location_key,"
            + " status) VALUES (?, ?, 'c0000005', 'OS2KRNL', '?', 'new')",
        id,
        OLD_KEY);
    long old = jdbc.queryForObject(groupsOf, Long.class, id);
    jdbc.update(
        "INSERT INTO trap_group_stats (group_id, project_id, traps, reports, installations,"
            + " first_seen, last_seen) VALUES (?, ?, 3, 3, 3, CURRENT_TIMESTAMP,"
            + " CURRENT_TIMESTAMP)",
        old,
        id);
    assertThat(groups(id)).containsOnly(Map.entry(OLD_KEY, 3L));

    try (Connection c = dataSource.getConnection()) {
      V15__locate_kernel_traps.locateAndQueue(c);
    }
    backfill.run(new DefaultApplicationArguments());

    assertThat(groups(id))
        .containsOnly(
            Map.entry("trap-000e|OS2KRNL|168:fff3cd2e", 2L),
            Map.entry("trap-000d|OS2KRNL|168:fff4b7e2", 1L));
    assertThat(
            jdbc.queryForList(
                "SELECT DISTINCT trap_location FROM report_trap WHERE project_id = ?",
                String.class,
                id))
        .containsExactlyInAnyOrder("0168:fff3cd2e", "0168:fff4b7e2");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rollup_pending", Integer.class)).isZero();
  }

  private void store(long project, String json) {
    Report r = ReportJson.mapper().readValue(json, Report.class);
    Report fresh =
        new Report(
            r.schemaVersion(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            r.consentLevel(),
            r.createdAt(),
            r.source(),
            r.period(),
            r.outcome(),
            r.comment(),
            r.environment(),
            r.metrics(),
            r.traps(),
            r.selfTests());
    store.store(project, fresh, ReportJson.write(fresh), "secret-" + UUID.randomUUID(), false);
  }

  /** Trap groups with counts, by signature: reports in each. */
  private Map<String, Long> groups(long project) {
    Map<String, Long> out = new java.util.TreeMap<>();
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT g.signature, s.reports FROM trap_group g JOIN trap_group_stats s ON"
                + " s.group_id = g.id WHERE g.project_id = ?",
            project);
    for (Map<String, Object> row : rows) {
      out.put((String) row.get("signature"), ((Number) row.get("reports")).longValue());
    }
    return out;
  }

  private static String example() throws IOException {
    try (InputStream in =
        KernelTrapRegroupIntegrationTests.class.getResourceAsStream(
            "/org/shimwatch/report/examples/manual-os2-pasted.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
