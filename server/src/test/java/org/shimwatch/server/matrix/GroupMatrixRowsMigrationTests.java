package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.MigrationTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration 16 on a database whose matrix has one row per distinct fix set: the old rollup rows go,
 * the new columns are there, and every project with reports is marked for the rebuild the next
 * start makes from its report rows (the backfill {@code RollupBackfillIntegrationTests} covers). On
 * H2 and on PostgreSQL.
 */
class GroupMatrixRowsMigrationTests {

  @Test
  void regroupsTheMatrixOnH2() throws Exception {
    MigrationTestDatabase.onH2("group", GroupMatrixRowsMigrationTests::migrate);
  }

  @Test
  void regroupsTheMatrixOnPostgres() throws Exception {
    MigrationTestDatabase.onPostgres("group", GroupMatrixRowsMigrationTests::migrate);
  }

  private static void migrate(MigrationTestDatabase db) {
    db.migrateTo("14");
    JdbcTemplate jdbc = db.jdbc();
    Timestamp at = Timestamp.from(Instant.parse("2026-11-20T12:00:00Z"));
    long withReports = db.project("with-reports", at);
    db.project("empty", at);
    UUID installation = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO installation (id, secret_hash, created_at) VALUES (?, ?, ?)",
        installation,
        "0".repeat(64),
        at);
    jdbc.update(
        "INSERT INTO report (project_id, report_id, installation_id, received_at, created_at,"
            + " consent_level, outcome, os_family, stack_name, stack_version, stack_level,"
            + " fixes_key, client_name, install_mode, trap_count, self_test_failures, has_metrics,"
            + " comment_status, demo) VALUES (?, ?, ?, ?, ?, 1, 'works', 'os2', 'os2-tcpip',"
            + " '4.3', 'UN02200', 'csd:UN02200,newstack:NEWSTACK=2004-03', 'BitTorrent',"
            + " 'replace-lib-dynload', 0, 0, FALSE, 'none', FALSE)",
        withReports,
        UUID.randomUUID(),
        installation,
        at,
        at);
    // The old matrix: a row per distinct fix set.
    jdbc.update(
        "INSERT INTO matrix_row (row_hash, project_id, os_family, os_name, os_version, stack_name,"
            + " stack_version, fixes_key, shim_inactive) VALUES ('0123456789abcdef0123456789abcdef',"
            + " ?, 'os2', '', '', 'os2-tcpip', '4.3', 'csd:UN02200,newstack:NEWSTACK=2004-03', 0)",
        withReports);

    db.migrateAll();

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM matrix_row", Long.class)).isZero();
    assertThat(
            jdbc.queryForList(
                "SELECT project_id FROM rollup_pending WHERE max_report_row = 0", Long.class))
        .containsExactly(withReports);
    // The new shape takes a grouped row, a cell with its fix set and a member with its new keys.
    jdbc.update(
        "INSERT INTO matrix_row (row_hash, project_id, os_family, os_name, os_version, stack_name,"
            + " stack_version, fix_level, shim_inactive) VALUES ('0123456789abcdef0123456789abcdef',"
            + " ?, 'os2', '', '', 'os2-tcpip', '4.3', 'csd:UN02200,newstack:NEWSTACK', 0)",
        withReports);
    jdbc.update(
        "INSERT INTO matrix_cell (project_id, cell_hash, row_hash, fixes_key, client_name,"
            + " client_version, shim_version, reports, installations, outcome_works,"
            + " outcome_select_problem, outcome_traps, outcome_other, unknown_healthy,"
            + " unknown_other, trap_reports, trapped_reports, anomaly_reports,"
            + " self_test_failure_reports, last_seen) VALUES (?, 'c', 'r', 'csd:UN02200', 'b', '',"
            + " '', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?)",
        withReports,
        at);
    jdbc.update(
        "INSERT INTO matrix_member (project_id, installation_id, cell_hash, client_key, shim_key,"
            + " name_key, pair_key, row_key, reports, last_seen) VALUES (?, ?, 'c', 'k1', 'k2',"
            + " 'k3', 'k4', 'k5', 1, ?)",
        withReports,
        installation,
        at);
    List<String> levels = jdbc.queryForList("SELECT fix_level FROM matrix_row", String.class);
    assertThat(levels).containsExactly("csd:UN02200,newstack:NEWSTACK");
  }
}
