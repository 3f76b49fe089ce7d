package org.shimwatch.server.rollup;

import java.util.List;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client-column matrix counted straight from the report rows, with one GROUP BY, and the same
 * figures from the matrix the rollups give: an independent check of both.
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
                + " 'select-problem' OR r.fd_above_setsize > 0 THEN 1"
                + " ELSE 0 END), SUM(CASE WHEN r.self_test_failures > 0 THEN 1 ELSE 0 END),"
                + " MAX(CASE WHEN r.created_at < r.received_at THEN r.created_at ELSE r.received_at"
                + " END) FROM report r WHERE r.project_id = ? AND r.install_mode NOT IN"
                + " ('side-dir-after-lib-dynload', 'none') GROUP BY r.os_family, COALESCE(r.os_name,"
                + " ''), COALESCE(r.os_version, ''), COALESCE(r.stack_name, ''),"
                + " COALESCE(r.stack_version, ''), r.fixes_key, r.client_name,"
                + " COALESCE(r.client_version, '')",
            (rs, n) -> {
              StringBuilder s =
                  new StringBuilder(
                      KeyHash.of(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6)));
              for (int i = 7; i <= 19; i++) {
                s.append('|').append(rs.getString(i));
              }
              return s.append('|').append(rs.getTimestamp(20).toInstant()).toString();
            },
            projectId);
    return lines.stream().sorted().toList();
  }

  /**
   * The same lines from the matrix a maintainer sees with client columns: rollup cells added up,
   * with the distinct installations kept for them.
   */
  static List<String> clientCellsFromMatrix(MatrixQuery matrix, String project) {
    MatrixView view =
        matrix
            .matrix(
                project,
                new MatrixRequest(MatrixColumns.CLIENT, null, null, null, null, null, true))
            .orElseThrow();
    List<String> lines = new java.util.ArrayList<>();
    for (MatrixCell c : view.cells()) {
      MatrixRow row = view.rows().get(c.row());
      MatrixColumn column = view.columns().get(c.column());
      MatrixCell.Outcomes o = c.outcomes();
      MatrixCell.Evidence e = c.evidence();
      lines.add(
          String.join(
              "|",
              row.key(),
              column.clientName(),
              column.clientVersion(),
              Long.toString(c.reports()),
              Long.toString(c.installations()),
              Long.toString(o.works()),
              Long.toString(o.selectProblem()),
              Long.toString(o.traps()),
              Long.toString(o.other()),
              Long.toString(o.unknownHealthy() + o.unknownOther()),
              Long.toString(e.trapReports()),
              Long.toString(Math.round(c.trapReportShare() * c.reports())),
              Long.toString(e.anomalyReports()),
              Long.toString(e.selfTestFailureReports()),
              c.lastSeen().toString()));
    }
    return lines.stream().sorted().toList();
  }
}
