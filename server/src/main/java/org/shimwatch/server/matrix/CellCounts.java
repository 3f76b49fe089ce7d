package org.shimwatch.server.matrix;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.web.matrix.MatrixCell;

/**
 * The counters of a matrix cell, as {@code matrix_cell} keeps them in {@link #COLUMNS}: a tally
 * adds up its reports' counts, the rollup adds or subtracts them in place, the views add up stored
 * cells. Distinct installations are one of them but do not add up across cells: {@link #plus} adds
 * them, which is right for the deltas of one cell, and a view that adds cells up sets them from the
 * counts kept per coarse key ({@link #withInstallations}).
 *
 * @param reports reports the shim ran under
 * @param installations distinct installations they came from
 * @param works outcome {@code works}
 * @param selectProblem outcome {@code select-problem}
 * @param traps outcome {@code traps}
 * @param other outcome {@code other}
 * @param unknownHealthy outcome {@code unknown} with telemetry of a healthy run
 * @param unknownOther outcome {@code unknown} otherwise
 * @param trapReports reports with a trap record
 * @param trappedReports reports that say or show a trap
 * @param anomalyReports reports with a select() anomaly
 * @param selfTestFailureReports reports with a failed self-test
 */
public record CellCounts(
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
    long selfTestFailureReports) {

  public static final CellCounts ZERO = new CellCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The columns of {@code matrix_cell} that hold the counters, in the order of the components. */
  static final List<String> COLUMNS =
      List.of(
          "reports",
          "installations",
          "outcome_works",
          "outcome_select_problem",
          "outcome_traps",
          "outcome_other",
          "unknown_healthy",
          "unknown_other",
          "trap_reports",
          "trapped_reports",
          "anomaly_reports",
          "self_test_failure_reports");

  /** What one report adds to its cell (its installation is counted apart, once per cell). */
  static CellCounts of(RolledReport r) {
    String outcome = r.outcome();
    boolean unknown =
        switch (outcome) {
          case "works", "select-problem", "traps", "other" -> false;
          default -> true;
        };
    return new CellCounts(
        1,
        0,
        one("works".equals(outcome)),
        one("select-problem".equals(outcome)),
        one("traps".equals(outcome)),
        one("other".equals(outcome)),
        one(unknown && r.healthy()),
        one(unknown && !r.healthy()),
        one(r.hasTrapRecord()),
        one(r.trapped()),
        one(r.anomaly()),
        one(r.selfTestFailures() > 0));
  }

  private static long one(boolean counted) {
    return counted ? 1 : 0;
  }

  /** Both counts added up, installations too. */
  public CellCounts plus(CellCounts o) {
    return new CellCounts(
        reports + o.reports,
        installations + o.installations,
        works + o.works,
        selectProblem + o.selectProblem,
        traps + o.traps,
        other + o.other,
        unknownHealthy + o.unknownHealthy,
        unknownOther + o.unknownOther,
        trapReports + o.trapReports,
        trappedReports + o.trappedReports,
        anomalyReports + o.anomalyReports,
        selfTestFailureReports + o.selfTestFailureReports);
  }

  /** The same counts with another number of installations. */
  public CellCounts withInstallations(long n) {
    return new CellCounts(
        reports,
        n,
        works,
        selectProblem,
        traps,
        other,
        unknownHealthy,
        unknownOther,
        trapReports,
        trappedReports,
        anomalyReports,
        selfTestFailureReports);
  }

  /** The values of {@link #COLUMNS}, in their order. */
  List<Object> values() {
    return List.of(
        reports,
        installations,
        works,
        selectProblem,
        traps,
        other,
        unknownHealthy,
        unknownOther,
        trapReports,
        trappedReports,
        anomalyReports,
        selfTestFailureReports);
  }

  /** The counts in {@link #COLUMNS} read from a result, the first of them at {@code first}. */
  static CellCounts read(ResultSet rs, int first) throws SQLException {
    int i = first;
    return new CellCounts(
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getLong(i));
  }

  /** {@link #COLUMNS} joined by commas, for a select or insert list. */
  static String columnList() {
    return String.join(", ", COLUMNS);
  }

  /** Each counter changed in place by a parameter, e.g. {@code reports = reports + ?}. */
  static String changedBy(char operator) {
    return COLUMNS.stream()
        .map(c -> c + " = " + c + " " + operator + " ?")
        .collect(Collectors.joining(", "));
  }

  /** What a cell's tier is judged on. */
  public TierRules.Counts tier() {
    return new TierRules.Counts(
        reports, works, selectProblem, traps, other, unknownHealthy, trappedReports);
  }

  /** The outcomes as the matrix shows them. */
  public MatrixCell.Outcomes outcomes() {
    return new MatrixCell.Outcomes(
        works, selectProblem, traps, other, unknownHealthy, unknownOther);
  }

  /** The evidence as the matrix shows it. */
  public MatrixCell.Evidence evidence() {
    return new MatrixCell.Evidence(trapReports, anomalyReports, selfTestFailureReports);
  }
}
