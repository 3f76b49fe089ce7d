package org.shimwatch.server.matrix;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.server.matrix.MatrixTally.CellTally;
import org.shimwatch.server.matrix.MatrixTally.MemberKey;
import org.shimwatch.server.matrix.MatrixTally.MemberTally;
import org.shimwatch.server.matrix.MatrixTally.RowTally;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Rollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the matrix tables: rows, cells and cell members. Plain JDBC batches, because this runs in
 * the report writer's transaction for every batch: each touched row, cell and member gets one
 * statement whatever the number of reports behind it. Counters are updated in place ({@code x = x +
 * ?}), so a batch never reads the cells it changes; only a deletion reads back the newest remaining
 * member to set a cell's last-seen time.
 */
@Component
class MatrixRollup implements Rollup {

  private static final Logger log = LoggerFactory.getLogger(MatrixRollup.class);

  /** Rows per JDBC batch when a rebuild writes a whole project. */
  private static final int WRITE_BATCH = 5_000;

  private static final String CELL_COUNTERS =
      "reports, outcome_works, outcome_select_problem, outcome_traps, outcome_other,"
          + " unknown_healthy, unknown_other, trap_reports, trapped_reports, anomaly_reports,"
          + " self_test_failure_reports";

  private final JdbcTemplate jdbc;

  MatrixRollup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void apply(long projectId, List<RolledReport> reports, int sign) {
    MatrixTally t = new MatrixTally();
    reports.forEach(t::add);
    if (sign > 0) {
      add(projectId, t);
    } else {
      subtract(projectId, t);
    }
  }

  private void add(long projectId, MatrixTally t) {
    // Rows: bump the inactive figure; rows the update did not find are new.
    List<RowTally> rows = new ArrayList<>(t.rows.values());
    int[] found =
        batch(
            "UPDATE matrix_row SET shim_inactive = shim_inactive + ? WHERE row_hash = ? AND"
                + " project_id = ?",
            rows.stream().map(r -> new Object[] {r.shimInactive, r.hash, projectId}).toList());
    List<RowTally> newRows = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        newRows.add(rows.get(i));
      }
    }
    insertRows(projectId, newRows);

    // Cells: add the counters; cells not found are inserted with all their members.
    List<CellTally> cells = new ArrayList<>(t.cells.values());
    found =
        batch(
            "UPDATE matrix_cell SET reports = reports + ?, outcome_works = outcome_works + ?,"
                + " outcome_select_problem = outcome_select_problem + ?, outcome_traps ="
                + " outcome_traps + ?, outcome_other = outcome_other + ?, unknown_healthy ="
                + " unknown_healthy + ?, unknown_other = unknown_other + ?, trap_reports ="
                + " trap_reports + ?, trapped_reports = trapped_reports + ?, anomaly_reports ="
                + " anomaly_reports + ?, self_test_failure_reports = self_test_failure_reports +"
                + " ?, last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE"
                + " cell_hash = ? AND project_id = ?",
            cells.stream()
                .map(
                    c -> {
                      Timestamp seen = Timestamp.from(c.lastSeen);
                      return new Object[] {
                        c.reports,
                        c.works,
                        c.selectProblem,
                        c.traps,
                        c.other,
                        c.unknownHealthy,
                        c.unknownOther,
                        c.trapReports,
                        c.trappedReports,
                        c.anomalyReports,
                        c.selfTestFailureReports,
                        seen,
                        seen,
                        c.hash,
                        projectId
                      };
                    })
                .toList());
    Map<String, CellTally> newCells = new HashMap<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        newCells.put(cells.get(i).hash, cells.get(i));
      }
    }
    List<Map.Entry<MemberKey, MemberTally>> oldMembers = new ArrayList<>();
    List<Map.Entry<MemberKey, MemberTally>> newMembers = new ArrayList<>();
    for (Map.Entry<MemberKey, MemberTally> m : t.members.entrySet()) {
      CellTally c = newCells.get(m.getKey().cellHash());
      if (c != null) {
        c.installations++;
        newMembers.add(m);
      } else {
        oldMembers.add(m);
      }
    }
    insertCells(projectId, newCells.values());

    // Members of cells that existed: bump them; those not found are new installations there.
    found =
        batch(
            "UPDATE matrix_member SET reports = reports + ?, last_seen = CASE WHEN last_seen < ?"
                + " THEN ? ELSE last_seen END WHERE cell_hash = ? AND project_id = ? AND"
                + " installation_id = ?",
            oldMembers.stream()
                .map(
                    m -> {
                      Timestamp seen = Timestamp.from(m.getValue().lastSeen);
                      return new Object[] {
                        m.getValue().reports,
                        seen,
                        seen,
                        m.getKey().cellHash(),
                        projectId,
                        m.getKey().installation()
                      };
                    })
                .toList());
    Map<String, Long> joined = new HashMap<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        newMembers.add(oldMembers.get(i));
        joined.merge(oldMembers.get(i).getKey().cellHash(), 1L, Long::sum);
      }
    }
    insertMembers(projectId, newMembers);
    if (!joined.isEmpty()) {
      batch(
          "UPDATE matrix_cell SET installations = installations + ? WHERE cell_hash = ? AND"
              + " project_id = ?",
          joined.entrySet().stream()
              .map(e -> new Object[] {e.getValue(), e.getKey(), projectId})
              .toList());
    }
  }

  /**
   * Removes whole installations: each of their members goes entirely, so the cell's installation
   * count drops by one per member and its last-seen time is read back from the members left.
   */
  private void subtract(long projectId, MatrixTally t) {
    List<Map.Entry<MemberKey, MemberTally>> members = new ArrayList<>(t.members.entrySet());
    List<Object[]> keys =
        members.stream()
            .map(m -> new Object[] {m.getKey().cellHash(), projectId, m.getKey().installation()})
            .toList();
    batch(
        "UPDATE matrix_member SET reports = reports - ? WHERE cell_hash = ? AND project_id = ?"
            + " AND installation_id = ?",
        members.stream()
            .map(
                m ->
                    new Object[] {
                      m.getValue().reports,
                      m.getKey().cellHash(),
                      projectId,
                      m.getKey().installation()
                    })
            .toList());
    int[] gone =
        batch(
            "DELETE FROM matrix_member WHERE cell_hash = ? AND project_id = ? AND installation_id"
                + " = ? AND reports <= 0",
            keys);
    Map<String, Long> left = new HashMap<>();
    for (int i = 0; i < gone.length; i++) {
      left.merge(members.get(i).getKey().cellHash(), (long) gone[i], Long::sum);
      if (gone[i] == 0) {
        log.warn(
            "matrix: installation {} keeps reports in a cell after its deletion; the matrix has"
                + " drifted from the reports, rebuild it",
            members.get(i).getKey().installation());
      }
    }

    List<CellTally> cells = new ArrayList<>(t.cells.values());
    batch(
        "UPDATE matrix_cell SET reports = reports - ?, installations = installations - ?,"
            + " outcome_works = outcome_works - ?, outcome_select_problem ="
            + " outcome_select_problem - ?, outcome_traps = outcome_traps - ?, outcome_other ="
            + " outcome_other - ?, unknown_healthy = unknown_healthy - ?, unknown_other ="
            + " unknown_other - ?, trap_reports = trap_reports - ?, trapped_reports ="
            + " trapped_reports - ?, anomaly_reports = anomaly_reports - ?,"
            + " self_test_failure_reports = self_test_failure_reports - ?, last_seen ="
            + " COALESCE((SELECT MAX(m.last_seen) FROM matrix_member m WHERE m.cell_hash ="
            + " matrix_cell.cell_hash AND m.project_id = matrix_cell.project_id), last_seen)"
            + " WHERE cell_hash = ? AND project_id = ?",
        cells.stream()
            .map(
                c ->
                    new Object[] {
                      c.reports,
                      left.getOrDefault(c.hash, 0L),
                      c.works,
                      c.selectProblem,
                      c.traps,
                      c.other,
                      c.unknownHealthy,
                      c.unknownOther,
                      c.trapReports,
                      c.trappedReports,
                      c.anomalyReports,
                      c.selfTestFailureReports,
                      c.hash,
                      projectId
                    })
            .toList());
    // A cell without reports has no members left either (each member is a report or more).
    batch(
        "DELETE FROM matrix_cell WHERE cell_hash = ? AND project_id = ? AND reports <= 0 AND NOT"
            + " EXISTS (SELECT 1 FROM matrix_member m WHERE m.cell_hash = matrix_cell.cell_hash"
            + " AND m.project_id = matrix_cell.project_id)",
        cells.stream().map(c -> new Object[] {c.hash, projectId}).toList());

    List<RowTally> rows = new ArrayList<>(t.rows.values());
    batch(
        "UPDATE matrix_row SET shim_inactive = shim_inactive - ? WHERE row_hash = ? AND"
            + " project_id = ?",
        rows.stream().map(r -> new Object[] {r.shimInactive, r.hash, projectId}).toList());
    batch(
        "DELETE FROM matrix_row WHERE row_hash = ? AND project_id = ? AND shim_inactive <= 0 AND"
            + " NOT EXISTS (SELECT 1 FROM matrix_cell c WHERE c.row_hash = matrix_row.row_hash"
            + " AND c.project_id = matrix_row.project_id)",
        rows.stream().map(r -> new Object[] {r.hash, projectId}).toList());
  }

  @Override
  public Rebuild rebuild(long projectId) {
    MatrixTally t = new MatrixTally();
    return new Rebuild() {
      @Override
      public void add(RolledReport report) {
        t.add(report);
      }

      @Override
      public void replace() {
        jdbc.update("DELETE FROM matrix_member WHERE project_id = ?", projectId);
        jdbc.update("DELETE FROM matrix_cell WHERE project_id = ?", projectId);
        jdbc.update("DELETE FROM matrix_row WHERE project_id = ?", projectId);
        t.countInstallations();
        insertRows(projectId, new ArrayList<>(t.rows.values()));
        insertCells(projectId, t.cells.values());
        insertMembers(projectId, new ArrayList<>(t.members.entrySet()));
      }
    };
  }

  private void insertRows(long projectId, List<RowTally> rows) {
    batches(
        "INSERT INTO matrix_row (row_hash, project_id, os_family, os_name, os_version,"
            + " stack_name, stack_version, fixes_key, shim_inactive) VALUES (?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)",
        rows.stream()
            .map(
                r ->
                    new Object[] {
                      r.hash,
                      projectId,
                      r.osFamily,
                      r.osName,
                      r.osVersion,
                      r.stackName,
                      r.stackVersion,
                      r.fixesKey,
                      r.shimInactive
                    })
            .toList());
  }

  private void insertCells(long projectId, java.util.Collection<CellTally> cells) {
    batches(
        "INSERT INTO matrix_cell (cell_hash, project_id, row_hash, family, client_name,"
            + " client_version, shim_version, installations, last_seen, "
            + CELL_COUNTERS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        cells.stream()
            .map(
                c ->
                    new Object[] {
                      c.hash,
                      projectId,
                      c.rowHash,
                      c.family,
                      c.clientName,
                      c.clientVersion,
                      c.shimVersion,
                      c.installations,
                      Timestamp.from(c.lastSeen),
                      c.reports,
                      c.works,
                      c.selectProblem,
                      c.traps,
                      c.other,
                      c.unknownHealthy,
                      c.unknownOther,
                      c.trapReports,
                      c.trappedReports,
                      c.anomalyReports,
                      c.selfTestFailureReports
                    })
            .toList());
  }

  private void insertMembers(long projectId, List<Map.Entry<MemberKey, MemberTally>> members) {
    batches(
        "INSERT INTO matrix_member (cell_hash, project_id, installation_id, reports, last_seen)"
            + " VALUES (?, ?, ?, ?, ?)",
        members.stream()
            .map(
                m ->
                    new Object[] {
                      m.getKey().cellHash(),
                      projectId,
                      m.getKey().installation(),
                      m.getValue().reports,
                      Timestamp.from(m.getValue().lastSeen)
                    })
            .toList());
  }

  private void batches(String sql, List<Object[]> args) {
    for (int i = 0; i < args.size(); i += WRITE_BATCH) {
      batch(sql, args.subList(i, Math.min(args.size(), i + WRITE_BATCH)));
    }
  }

  /** One JDBC batch; nothing to send for an empty one. */
  private int[] batch(String sql, List<Object[]> args) {
    return args.isEmpty() ? new int[0] : jdbc.batchUpdate(sql, args);
  }
}
