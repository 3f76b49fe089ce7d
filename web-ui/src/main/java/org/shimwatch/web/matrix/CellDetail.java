package org.shimwatch.web.matrix;

import java.time.Instant;
import java.util.List;

/**
 * One matrix cell in detail. For the public, a cell with fewer installations than the threshold
 * carries only its tier ({@code not enough data}) and no comment; every count is {@code null}.
 *
 * @param project the project's slug
 * @param columnsBy what the columns are
 * @param minInstallations the threshold below which the public sees {@code not enough data}
 * @param maintainerView whether a maintainer asked
 * @param row the cell's row
 * @param column the cell's column
 * @param client the client filter applied, or {@code null}
 * @param clientVersion the client version filter applied, or {@code null}
 * @param shim the shim version filter applied, or {@code null}
 * @param tier the verdict
 * @param lowSample fewer installations than the threshold
 * @param reports reports counted
 * @param installations distinct installations that sent them
 * @param outcomes the reports by outcome
 * @param evidence reports carrying telemetry evidence of trouble
 * @param successes reports counted as a success
 * @param judged reports counted as a success or a failure (the success rate's denominator)
 * @param successLowerBound Wilson lower bound (95%) of the success rate
 * @param successUpperBound Wilson upper bound (95%) of the success rate
 * @param trapReportShare share of reports with a trap (outcome or trap record)
 * @param lastSeen the newest report's time
 * @param comments approved comments of the cell's reports, newest first, at most {@link
 *     #MAX_COMMENTS}
 * @param fixSets the full fix sets of the cell's reports that enough installations sent, most
 *     reports first; empty when the counts are hidden
 * @param otherFixSetReports reports whose fix set fewer installations sent, or {@code null} when
 *     the counts are hidden
 */
public record CellDetail(
    String project,
    MatrixColumns columnsBy,
    int minInstallations,
    boolean maintainerView,
    MatrixRow row,
    MatrixColumn column,
    String client,
    String clientVersion,
    String shim,
    Tier tier,
    boolean lowSample,
    Long reports,
    Long installations,
    MatrixCell.Outcomes outcomes,
    MatrixCell.Evidence evidence,
    Long successes,
    Long judged,
    Double successLowerBound,
    Double successUpperBound,
    Double trapReportShare,
    Instant lastSeen,
    List<CellComment> comments,
    List<CellFixSet> fixSets,
    Long otherFixSetReports) {

  /** The most comments a drill-down shows. */
  public static final int MAX_COMMENTS = 20;

  public CellDetail {
    comments = List.copyOf(comments);
    fixSets = List.copyOf(fixSets);
  }

  /** Whether the counts are shown (not a hidden low-sample cell). */
  public boolean countsShown() {
    return reports != null;
  }
}
