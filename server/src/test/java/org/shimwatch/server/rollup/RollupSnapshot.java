package org.shimwatch.server.rollup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the rollups hold for one project, as sorted lines per table: two snapshots are equal
 * exactly when the rollups are. Surrogate ids and the maintainer's trap status are left out: the
 * first are not content, the second is not derived from reports.
 */
final class RollupSnapshot {

  private RollupSnapshot() {}

  static Map<String, List<String>> of(JdbcTemplate jdbc, long projectId) {
    Map<String, List<String>> s = new LinkedHashMap<>();
    s.put(
        "matrix_row",
        lines(
            jdbc,
            "SELECT row_hash, os_family, os_name, os_version, stack_name, stack_version,"
                + " fix_level, shim_inactive FROM matrix_row WHERE project_id = ? ORDER BY"
                + " row_hash",
            projectId));
    s.put(
        "matrix_cell",
        lines(
            jdbc,
            "SELECT cell_hash, row_hash, fixes_key, client_name, client_version, shim_version,"
                + " reports, installations, outcome_works, outcome_select_problem, outcome_traps,"
                + " outcome_other, unknown_healthy, unknown_other, trap_reports, trapped_reports,"
                + " anomaly_reports, self_test_failure_reports, last_seen FROM matrix_cell WHERE"
                + " project_id = ? ORDER BY cell_hash",
            projectId));
    s.put(
        "matrix_member",
        lines(
            jdbc,
            "SELECT cell_hash, installation_id, client_key, shim_key, name_key, pair_key,"
                + " row_key, reports, last_seen FROM matrix_member WHERE project_id = ? ORDER BY cell_hash,"
                + " installation_id",
            projectId));
    s.put(
        "matrix_distinct",
        lines(
            jdbc,
            "SELECT key_hash, family, installations FROM matrix_distinct WHERE project_id = ? ORDER"
                + " BY key_hash",
            projectId));
    s.put(
        "trap_group_stats",
        lines(
            jdbc,
            "SELECT g.signature, s.traps, s.reports, s.installations, s.first_seen, s.last_seen"
                + " FROM trap_group_stats s JOIN trap_group g ON g.id = s.group_id WHERE"
                + " g.project_id = ? ORDER BY g.signature",
            projectId));
    s.put(
        "trap_group_member",
        lines(
            jdbc,
            "SELECT g.signature, m.installation_id, m.traps, m.first_seen, m.last_seen FROM"
                + " trap_group_member m JOIN trap_group g ON g.id = m.group_id WHERE g.project_id"
                + " = ? ORDER BY g.signature, m.installation_id",
            projectId));
    s.put(
        "trap_group_dim",
        lines(
            jdbc,
            "SELECT g.signature, d.dimension, d.dim_value, d.reports FROM trap_group_dim d JOIN"
                + " trap_group g ON g.id = d.group_id WHERE g.project_id = ? ORDER BY"
                + " g.signature, d.dimension, d.dim_value",
            projectId));
    s.put(
        "latency_rollup",
        lines(
            jdbc,
            "SELECT key_hash, stack_name, stack_version, shim_version, call_kind, reports, calls,"
                + " latency, overshoot FROM latency_rollup WHERE project_id = ? ORDER BY key_hash",
            projectId));
    s.put(
        "trend_member",
        lines(
            jdbc,
            "SELECT installation_id, week_start, month_start, shim_version, reports FROM"
                + " trend_member WHERE project_id = ? ORDER BY installation_id, week_start,"
                + " month_start, shim_version",
            projectId));
    s.put(
        "trend_week",
        lines(
            jdbc,
            "SELECT week_start, reports, successes, failures, installations, new_installations"
                + " FROM trend_week WHERE project_id = ? ORDER BY week_start",
            projectId));
    s.put(
        "trend_week_shim",
        lines(
            jdbc,
            "SELECT week_start, shim_version, reports, successes, failures, installations,"
                + " new_installations FROM trend_week_shim WHERE project_id = ? ORDER BY"
                + " week_start, shim_version",
            projectId));
    s.put(
        "trend_month",
        lines(
            jdbc,
            "SELECT month_start, reports, installations, new_installations FROM trend_month"
                + " WHERE project_id = ? ORDER BY month_start",
            projectId));
    s.put(
        "trend_cohort",
        lines(
            jdbc,
            "SELECT cohort_week, weeks_after, installations FROM trend_cohort WHERE project_id ="
                + " ? ORDER BY cohort_week, weeks_after",
            projectId));
    s.put(
        "report calls",
        lines(
            jdbc,
            "SELECT report_id, calls, fd_above_setsize FROM report WHERE project_id = ? ORDER BY"
                + " report_id",
            projectId));
    s.put(
        "report_trap",
        lines(
            jdbc,
            "SELECT report_id, trap_index, signature FROM report_trap WHERE project_id = ? ORDER"
                + " BY report_id, trap_index",
            projectId));
    return s;
  }

  private static List<String> lines(JdbcTemplate jdbc, String sql, long projectId) {
    return jdbc.query(sql, (rs, n) -> line(rs), projectId);
  }

  private static String line(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    List<String> parts = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      Object o = rs.getObject(i);
      if (o instanceof Timestamp || o instanceof java.time.OffsetDateTime) {
        o = rs.getTimestamp(i).toInstant();
      } else if (o instanceof Number n) {
        o = n.longValue();
      }
      parts.add(String.valueOf(o));
    }
    return String.join("|", parts);
  }
}
