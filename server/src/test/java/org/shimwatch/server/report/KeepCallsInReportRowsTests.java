package org.shimwatch.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.MigrationTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration 14 ({@code db.migration.V14__keep_calls_in_report_rows}) on a database that has reports
 * with call rows: every report gets its calls in its own row, in the contract's order, and the call
 * rows' table goes. On H2 and on PostgreSQL.
 */
class KeepCallsInReportRowsTests {

  private static final UUID WITH_CALLS = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final UUID WITHOUT_CALLS = UUID.fromString("00000000-0000-4000-8000-000000000002");
  private static final UUID OTHER_PROJECT = UUID.fromString("00000000-0000-4000-8000-000000000003");

  @Test
  void movesCallRowsIntoTheirReportsOnH2() throws Exception {
    MigrationTestDatabase.onH2("calls", KeepCallsInReportRowsTests::migrate);
  }

  @Test
  void movesCallRowsIntoTheirReportsOnPostgres() throws Exception {
    MigrationTestDatabase.onPostgres("calls", KeepCallsInReportRowsTests::migrate);
  }

  private static void migrate(MigrationTestDatabase db) {
    db.migrateTo("13");
    JdbcTemplate jdbc = db.jdbc();
    Timestamp at = Timestamp.from(Instant.parse("2026-11-20T12:00:00Z"));
    long a = db.project("a", at);
    long b = db.project("b", at);
    UUID installation = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO installation (id, secret_hash, created_at) VALUES (?, ?, ?)",
        installation,
        "0".repeat(64),
        at);
    report(jdbc, a, WITH_CALLS, installation, at);
    report(jdbc, a, WITHOUT_CALLS, installation, at);
    // The same report id in another project: its calls stay its own.
    report(jdbc, b, WITH_CALLS, installation, at);
    call(jdbc, a, WITH_CALLS, "poll", 7, 0, "3:7", "");
    call(jdbc, a, WITH_CALLS, "select", 40, 2, "1:30,4:10", "2:5");
    call(jdbc, b, WITH_CALLS, "epoll_wait", 9, 0, "5:9", "1:1");

    db.migrateAll();

    assertThat(stored(jdbc, a, WITH_CALLS)).isEqualTo("select 40 2 1:30,4:10 2:5;poll 7 0 3:7 |2");
    assertThat(stored(jdbc, a, WITHOUT_CALLS)).isEqualTo("|0");
    assertThat(stored(jdbc, b, WITH_CALLS)).isEqualTo("epoll_wait 9 0 5:9 1:1|0");
    assertThat(
            CallRow.parse(
                jdbc.queryForObject(
                    "SELECT calls FROM report WHERE project_id = ? AND report_id = ?",
                    String.class,
                    a,
                    WITH_CALLS)))
        .containsExactly(
            new CallRow("select", 40, 2, "1:30,4:10", "2:5"), new CallRow("poll", 7, 0, "3:7", ""));
    assertThatThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM report_call", Long.class))
        .hasMessageContaining("report_call");
    // As it was applied before it moved beside the SQL migrations, so those databases validate.
    MigrationInfo applied = db.applied("14");
    assertThat(applied.getVersion().getVersion()).isEqualTo("14");
    assertThat(applied.getDescription()).isEqualTo("keep calls in report rows");
    assertThat(applied.getType().name()).isEqualTo("JDBC");
    assertThat(applied.getChecksum()).isNull();
  }

  private static void report(
      JdbcTemplate jdbc, long project, UUID reportId, UUID installation, Timestamp at) {
    jdbc.update(
        "INSERT INTO report (project_id, report_id, installation_id, received_at, created_at,"
            + " consent_level, outcome, os_family, fixes_key, client_name, install_mode,"
            + " trap_count, self_test_failures, has_metrics, comment_status, demo) VALUES (?, ?,"
            + " ?, ?, ?, 2, 'works', 'os2', '', 'client', 'unknown', 0, 0, TRUE, 'none', FALSE)",
        project,
        reportId,
        installation,
        at,
        at);
  }

  private static void call(
      JdbcTemplate jdbc,
      long project,
      UUID reportId,
      String kind,
      long count,
      long fd,
      String latency,
      String overshoot) {
    jdbc.update(
        "INSERT INTO report_call (project_id, report_id, call_kind, call_count, fd_above_setsize,"
            + " latency, overshoot) VALUES (?, ?, ?, ?, ?, ?, ?)",
        project,
        reportId,
        kind,
        count,
        fd,
        latency,
        overshoot);
  }

  private static String stored(JdbcTemplate jdbc, long project, UUID reportId) {
    List<String> r =
        jdbc.query(
            "SELECT calls, fd_above_setsize FROM report WHERE project_id = ? AND report_id = ?",
            (rs, n) -> rs.getString(1) + "|" + rs.getLong(2),
            project,
            reportId);
    assertThat(r).hasSize(1);
    return r.get(0);
  }
}
