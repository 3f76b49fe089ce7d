package org.shimwatch.web.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One cell: what the reports of one row and column say. For the public, a cell with fewer
 * installations than the matrix's threshold carries only its tier ({@code not enough data}); every
 * other field is {@code null}.
 *
 * @param row index into {@link MatrixView#rows()}
 * @param column index into {@link MatrixView#columns()}
 * @param tier the verdict
 * @param lowSample fewer installations than the threshold (maintainers see the computed tier)
 * @param reports reports counted
 * @param installations distinct installations that sent them
 * @param outcomes the reports by outcome
 * @param evidence reports carrying telemetry evidence of trouble
 * @param successLowerBound Wilson lower bound (95%) of the success rate
 * @param trapReportShare share of reports with a trap (outcome or trap record)
 * @param lastSeen the newest report's time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixCell(
    int row,
    int column,
    Tier tier,
    Boolean lowSample,
    Long reports,
    Long installations,
    Outcomes outcomes,
    Evidence evidence,
    Double successLowerBound,
    Double trapReportShare,
    Instant lastSeen) {

  /**
   * Reports by outcome. An {@code unknown} outcome counts as a success only with telemetry evidence
   * of health (metrics, no anomaly, no trap, no failed self-test): {@code unknownHealthy}; the
   * other unknown reports are left out of the success rate.
   */
  public record Outcomes(
      long works,
      long selectProblem,
      long traps,
      long other,
      long unknownHealthy,
      long unknownOther) {}

  /**
   * Telemetry evidence.
   *
   * @param trapReports reports carrying at least one trap record
   * @param anomalyReports reports with a select() anomaly (nfds above FD_SETSIZE) or outcome
   *     select-problem
   * @param selfTestFailureReports reports with a failed stack self-test
   */
  public record Evidence(long trapReports, long anomalyReports, long selfTestFailureReports) {}
}
