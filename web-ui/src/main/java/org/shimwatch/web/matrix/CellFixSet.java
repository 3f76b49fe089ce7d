package org.shimwatch.web.matrix;

import java.util.List;

/**
 * One full set of fixes in a cell's drill-down: the row groups reports by fix level, and this is
 * what the reports listed in full. Shown only for a set at least the threshold of installations
 * sent.
 *
 * @param fixes the fixes, sorted, as {@code kind:id[=version]}
 * @param reports reports with exactly this set
 * @param successes reports counted as a success
 * @param judged reports counted as a success or a failure
 * @param successLowerBound Wilson lower bound (95%) of the success rate
 * @param successUpperBound Wilson upper bound (95%) of the success rate
 */
public record CellFixSet(
    List<String> fixes,
    long reports,
    long successes,
    long judged,
    double successLowerBound,
    double successUpperBound) {

  public CellFixSet {
    fixes = List.copyOf(fixes);
  }
}
