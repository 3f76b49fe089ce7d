package org.shimwatch.web.insight;

import java.util.List;
import java.util.Optional;

/** What the maintainer dashboard derives from the matrix: fix correlation and regressions. */
public interface InsightQuery {

  /**
   * Fixes whose presence goes with the largest difference in success rate, largest first.
   *
   * @param minSample least judged reports on each side (with and without the fix)
   * @return empty when there is no such project
   */
  Optional<List<FixCorrelation>> fixCorrelation(String project, int minSample);

  /**
   * Platform and stack pairs where a shim version did significantly worse than the one before.
   *
   * @return empty when there is no such project
   */
  Optional<List<RegressionFlag>> regressions(String project);
}
