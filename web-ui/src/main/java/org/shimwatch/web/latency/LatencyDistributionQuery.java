package org.shimwatch.web.latency;

import java.util.Optional;

/**
 * The merged histograms of the two sides of a comparison, matched exactly as {@link
 * LatencyQuery#compare} matches them.
 */
public interface LatencyDistributionQuery {

  /**
   * @return empty when there is no such project
   * @throws org.shimwatch.web.BadQueryException when a parameter is malformed
   */
  Optional<LatencyDistributions> distributions(
      String project, String callKind, String by, String a, String b, String within);
}
