package org.shimwatch.server.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.shimwatch.server.matrix.RowGroup;
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

  /**
   * Sorted lines, one per cell: key, counts and last seen. Each report row is read and counted
   * here, its matrix row derived by {@link RowGroup} as the rollup does.
   */
  static List<String> clientCells(JdbcTemplate jdbc, long projectId) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Set<Object>> installations = new HashMap<>();
    Map<String, Instant> lastSeen = new HashMap<>();
    jdbc.query(
        "SELECT r.os_family, r.os_name, r.os_version, r.stack_name, r.stack_version,"
            + " r.stack_level, r.fixes_key, r.client_name, COALESCE(r.client_version, ''),"
            + " r.installation_id, r.outcome, r.trap_count, r.fd_above_setsize,"
            + " r.self_test_failures, r.created_at, r.received_at FROM report r WHERE"
            + " r.project_id = ? AND r.install_mode NOT IN ('side-dir-after-lib-dynload', 'none')",
        rs -> {
          String row =
              RowGroup.of(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7))
                  .key();
          String key = row + "|" + rs.getString(8) + "|" + rs.getString(9);
          long[] c = counts.computeIfAbsent(key, k -> new long[11]);
          String outcome = rs.getString(11);
          int traps = rs.getInt(12);
          c[0]++;
          c[1] += "works".equals(outcome) ? 1 : 0;
          c[2] += "select-problem".equals(outcome) ? 1 : 0;
          c[3] += "traps".equals(outcome) ? 1 : 0;
          c[4] += "other".equals(outcome) ? 1 : 0;
          c[5] += "unknown".equals(outcome) ? 1 : 0;
          c[6] += traps > 0 ? 1 : 0;
          c[7] += traps > 0 || "traps".equals(outcome) ? 1 : 0;
          c[8] += "select-problem".equals(outcome) || rs.getInt(13) > 0 ? 1 : 0;
          c[9] += rs.getInt(14) > 0 ? 1 : 0;
          installations.computeIfAbsent(key, k -> new HashSet<>()).add(rs.getObject(10));
          Instant created = rs.getTimestamp(15).toInstant();
          Instant received = rs.getTimestamp(16).toInstant();
          Instant seen = created.isBefore(received) ? created : received;
          lastSeen.merge(key, seen, (x, y) -> x.isAfter(y) ? x : y);
        },
        projectId);
    List<String> lines = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          StringBuilder s = new StringBuilder(key);
          s.append('|').append(c[0]).append('|').append(installations.get(key).size());
          for (int i = 1; i <= 9; i++) {
            s.append('|').append(c[i]);
          }
          lines.add(s.append('|').append(lastSeen.get(key)).toString());
        });
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
    List<String> lines = new ArrayList<>();
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
