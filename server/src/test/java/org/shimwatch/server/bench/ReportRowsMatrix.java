package org.shimwatch.server.bench;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.server.matrix.TierRules;
import org.shimwatch.server.rollup.KeyHash;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.matrix.Tier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark's baseline: the public matrix and the trap groups computed straight from the report
 * rows (and their call and trap rows) with GROUP BY, as a server without rollups would.
 */
final class ReportRowsMatrix {

  private ReportRowsMatrix() {}

  static MatrixView compute(JdbcTemplate jdbc, long projectId, String slug, int k) {
    Map<String, MatrixRow> rows = new LinkedHashMap<>();
    Map<String, MatrixColumn> columns = new LinkedHashMap<>();
    List<Object[]> raw = new ArrayList<>();
    jdbc.query(
        "SELECT r.os_family, COALESCE(r.os_name, ''), COALESCE(r.os_version, ''),"
            + " COALESCE(r.stack_name, ''), COALESCE(r.stack_version, ''), r.fixes_key,"
            + " r.client_name, COALESCE(r.client_version, ''), COUNT(*), COUNT(DISTINCT"
            + " r.installation_id), SUM(CASE WHEN r.outcome = 'works' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN r.outcome = 'select-problem' THEN 1 ELSE 0 END), SUM(CASE WHEN"
            + " r.outcome = 'traps' THEN 1 ELSE 0 END), SUM(CASE WHEN r.outcome = 'other' THEN 1"
            + " ELSE 0 END), SUM(CASE WHEN r.outcome = 'unknown' AND r.has_metrics AND"
            + " r.trap_count = 0 AND r.self_test_failures = 0 AND r.fd_above_setsize = 0 THEN 1"
            + " ELSE 0 END), SUM(CASE WHEN r.outcome ="
            + " 'unknown' THEN 1 ELSE 0 END), SUM(CASE WHEN r.trap_count > 0 THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN r.trap_count > 0 OR r.outcome = 'traps' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN r.outcome = 'select-problem' OR r.fd_above_setsize > 0 THEN 1 ELSE 0"
            + " END), SUM(CASE WHEN r.self_test_failures >"
            + " 0 THEN 1 ELSE 0 END), MAX(CASE WHEN r.created_at < r.received_at THEN"
            + " r.created_at ELSE r.received_at END) FROM report r WHERE r.project_id = ? AND"
            + " r.install_mode NOT IN ('side-dir-after-lib-dynload', 'none') GROUP BY"
            + " r.os_family, COALESCE(r.os_name, ''), COALESCE(r.os_version, ''),"
            + " COALESCE(r.stack_name, ''), COALESCE(r.stack_version, ''), r.fixes_key,"
            + " r.client_name, COALESCE(r.client_version, '')",
        rs -> {
          Object[] o = new Object[21];
          for (int i = 1; i <= 8; i++) {
            o[i - 1] = rs.getString(i);
          }
          for (int i = 9; i <= 20; i++) {
            o[i - 1] = rs.getLong(i);
          }
          o[20] = rs.getTimestamp(21);
          raw.add(o);
        },
        projectId);
    List<MatrixCell> cells = new ArrayList<>();
    for (Object[] o : raw) {
      String rowKey =
          KeyHash.of(
              (String) o[0],
              (String) o[1],
              (String) o[2],
              (String) o[3],
              (String) o[4],
              (String) o[5]);
      MatrixRow row =
          rows.computeIfAbsent(
              rowKey,
              h ->
                  new MatrixRow(
                      h,
                      (String) o[0],
                      RolledReport.label((String) o[1], (String) o[2], (String) o[0]),
                      RolledReport.label((String) o[3], (String) o[4], "unknown stack"),
                      "",
                      ((String) o[5]).isEmpty() ? List.of() : List.of(((String) o[5]).split(",")),
                      null));
      String label = RolledReport.label((String) o[6], (String) o[7], "unknown client");
      MatrixColumn column =
          columns.computeIfAbsent(
              label,
              l ->
                  new MatrixColumn(
                      KeyHash.of("client", (String) o[6], (String) o[7]),
                      l,
                      (String) o[6],
                      (String) o[7],
                      null));
      int rowIndex = new ArrayList<>(rows.keySet()).indexOf(rowKey);
      int columnIndex = new ArrayList<>(columns.keySet()).indexOf(label);
      long reports = (Long) o[8];
      long installations = (Long) o[9];
      long unknownHealthy = (Long) o[14];
      if (installations < k) {
        cells.add(
            new MatrixCell(
                rowIndex,
                columnIndex,
                Tier.NOT_ENOUGH_DATA,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        continue;
      }
      TierRules.Verdict v =
          TierRules.judge(
              new TierRules.Counts(
                  reports,
                  (Long) o[10],
                  (Long) o[11],
                  (Long) o[12],
                  (Long) o[13],
                  unknownHealthy,
                  (Long) o[17]));
      cells.add(
          new MatrixCell(
              rowIndex,
              columnIndex,
              v.tier(),
              false,
              reports,
              installations,
              new MatrixCell.Outcomes(
                  (Long) o[10],
                  (Long) o[11],
                  (Long) o[12],
                  (Long) o[13],
                  unknownHealthy,
                  (Long) o[15] - unknownHealthy),
              new MatrixCell.Evidence((Long) o[16], (Long) o[18], (Long) o[19]),
              v.successLowerBound(),
              v.trapShare(),
              ((Timestamp) o[20]).toInstant()));
    }
    return new MatrixView(
        slug,
        MatrixColumns.CLIENT,
        k,
        false,
        new ArrayList<>(rows.values()),
        new ArrayList<>(columns.values()),
        cells);
  }

  static List<String> trapGroups(JdbcTemplate jdbc, long projectId) {
    return jdbc.query(
        "SELECT t.signature, COUNT(*), COUNT(DISTINCT r.id), COUNT(DISTINCT r.installation_id)"
            + " FROM report_trap t JOIN report r ON r.report_id = t.report_id AND r.project_id ="
            + " t.project_id WHERE t.project_id = ? AND r.install_mode NOT IN"
            + " ('side-dir-after-lib-dynload', 'none') GROUP BY t.signature ORDER BY COUNT(*)"
            + " DESC",
        (rs, n) ->
            rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4),
        projectId);
  }
}
