package org.shimwatch.server.rollup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client-column matrix counted straight from the report rows, with one GROUP BY, and the same
 * figures read from the rollup tables: an independent check of what the rollups hold.
 */
final class MatrixFromReports {

  private MatrixFromReports() {}

  /** Sorted lines, one per cell: key, counts and last seen. */
  static List<String> clientCells(JdbcTemplate jdbc, long projectId) {
    List<String> lines =
        jdbc.query(
            "SELECT r.os_family, COALESCE(r.os_name, ''), COALESCE(r.os_version, ''),"
                + " COALESCE(r.stack_name, ''), COALESCE(r.stack_version, ''), r.fixes_key,"
                + " r.client_name, COALESCE(r.client_version, ''), COUNT(*), COUNT(DISTINCT"
                + " r.installation_id), SUM(CASE WHEN r.outcome = 'works' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN r.outcome = 'select-problem' THEN 1 ELSE 0 END), SUM(CASE WHEN"
                + " r.outcome = 'traps' THEN 1 ELSE 0 END), SUM(CASE WHEN r.outcome = 'other' THEN 1"
                + " ELSE 0 END), SUM(CASE WHEN r.outcome = 'unknown' THEN 1 ELSE 0 END), SUM(CASE"
                + " WHEN r.trap_count > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN r.trap_count > 0 OR"
                + " r.outcome = 'traps' THEN 1 ELSE 0 END), SUM(CASE WHEN r.outcome ="
                + " 'select-problem' OR EXISTS (SELECT 1 FROM report_call c WHERE c.report_id ="
                + " r.report_id AND c.project_id = r.project_id AND c.fd_above_setsize > 0) THEN 1"
                + " ELSE 0 END), SUM(CASE WHEN r.self_test_failures > 0 THEN 1 ELSE 0 END),"
                + " MAX(CASE WHEN r.created_at < r.received_at THEN r.created_at ELSE r.received_at"
                + " END) FROM report r WHERE r.project_id = ? AND r.install_mode NOT IN"
                + " ('side-dir-after-lib-dynload', 'none') GROUP BY r.os_family, COALESCE(r.os_name,"
                + " ''), COALESCE(r.os_version, ''), COALESCE(r.stack_name, ''),"
                + " COALESCE(r.stack_version, ''), r.fixes_key, r.client_name,"
                + " COALESCE(r.client_version, '')",
            (rs, n) -> {
              StringBuilder s = new StringBuilder();
              for (int i = 1; i <= 19; i++) {
                s.append(rs.getString(i)).append('|');
              }
              return s.append(rs.getTimestamp(20).toInstant()).toString();
            },
            projectId);
    return lines.stream().sorted().toList();
  }

  /** The same lines from the rollup's client cells. */
  static List<String> clientCellsFromRollup(JdbcTemplate jdbc, long projectId) {
    Map<String, String> rows = new HashMap<>();
    jdbc.query(
        "SELECT row_hash, os_family, os_name, os_version, stack_name, stack_version, fixes_key"
            + " FROM matrix_row WHERE project_id = ?",
        rs -> {
          rows.put(
              rs.getString(1),
              String.join(
                  "|",
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7)));
        },
        projectId);
    List<String> lines =
        new java.util.ArrayList<>(
            jdbc.query(
                "SELECT row_hash, client_name, client_version, reports, installations,"
                    + " outcome_works, outcome_select_problem, outcome_traps, outcome_other,"
                    + " unknown_healthy + unknown_other, trap_reports, trapped_reports,"
                    + " anomaly_reports, self_test_failure_reports, last_seen FROM matrix_cell"
                    + " WHERE project_id = ? AND family = 'client'",
                (rs, n) -> {
                  StringBuilder s = new StringBuilder(rows.get(rs.getString(1)));
                  for (int i = 2; i <= 14; i++) {
                    s.append('|').append(rs.getString(i));
                  }
                  return s.append('|').append(rs.getTimestamp(15).toInstant()).toString();
                },
                projectId));
    return lines.stream().sorted().toList();
  }
}
