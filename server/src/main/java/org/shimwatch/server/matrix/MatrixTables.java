package org.shimwatch.server.matrix;

import java.time.Instant;
import java.util.List;
import org.shimwatch.server.rollup.RolledReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the matrix rollup tables: what the matrix, fix correlation and regressions start from. */
@Component
public class MatrixTables {

  /** Columns are client versions; each active report is in exactly one such cell. */
  public static final String CLIENT = MatrixTally.CLIENT;

  /** Columns are shim versions; each active report is in exactly one such cell. */
  public static final String SHIM = MatrixTally.SHIM;

  private final JdbcTemplate jdbc;

  MatrixTables(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored matrix row. */
  public record Row(
      String hash,
      String osFamily,
      String osName,
      String osVersion,
      String stackName,
      String stackVersion,
      String fixesKey,
      long shimInactive) {

    public String platformLabel() {
      return RolledReport.label(osName, osVersion, osFamily);
    }

    public String stackLabel() {
      return RolledReport.label(stackName, stackVersion, "unknown stack");
    }

    /** The fixes, as the sorted list the fixes key joins. */
    public List<String> fixes() {
      return fixesKey.isEmpty() ? List.of() : List.of(fixesKey.split(","));
    }
  }

  /** A stored cell. */
  public record Cell(
      String rowHash,
      String clientName,
      String clientVersion,
      String shimVersion,
      long reports,
      long installations,
      long works,
      long selectProblem,
      long traps,
      long other,
      long unknownHealthy,
      long unknownOther,
      long trapReports,
      long trappedReports,
      long anomalyReports,
      long selfTestFailureReports,
      Instant lastSeen) {

    public TierRules.Counts counts() {
      return new TierRules.Counts(
          reports, works, selectProblem, traps, other, unknownHealthy, trappedReports);
    }
  }

  /** Every row of a project. */
  public List<Row> rows(long projectId) {
    return jdbc.query(
        "SELECT row_hash, os_family, os_name, os_version, stack_name, stack_version, fixes_key,"
            + " shim_inactive FROM matrix_row WHERE project_id = ?",
        (rs, n) ->
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8)),
        projectId);
  }

  /** Every cell of one family of a project. */
  public List<Cell> cells(long projectId, String family) {
    return jdbc.query(
        "SELECT row_hash, client_name, client_version, shim_version, reports, installations,"
            + " outcome_works, outcome_select_problem, outcome_traps, outcome_other,"
            + " unknown_healthy, unknown_other, trap_reports, trapped_reports, anomaly_reports,"
            + " self_test_failure_reports, last_seen FROM matrix_cell WHERE project_id = ? AND"
            + " family = ?",
        (rs, n) ->
            new Cell(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getLong(13),
                rs.getLong(14),
                rs.getLong(15),
                rs.getLong(16),
                rs.getTimestamp(17).toInstant()),
        projectId,
        family);
  }
}
