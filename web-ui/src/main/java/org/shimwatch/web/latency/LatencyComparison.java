package org.shimwatch.web.latency;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Two shim versions, or two stacks, side by side on one call kind.
 *
 * @param callKind the call compared
 * @param by {@code shim} or {@code stack}: what differs between the sides
 * @param within the other dimension when it was held to one value, else {@code null}
 * @param a the first side
 * @param b the second side
 * @param latencyRatio b's latency figures over a's
 * @param overshootRatio b's overshoot figures over a's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LatencyComparison(
    String callKind,
    String by,
    String within,
    Side a,
    Side b,
    Ratios latencyRatio,
    Ratios overshootRatio) {

  /**
   * One side, merged over everything it matches.
   *
   * @param value the shim version or stack
   * @param reports reports
   * @param calls calls
   * @param latency latency figures
   * @param overshoot overshoot figures
   */
  public record Side(
      String value, long reports, long calls, Quantiles latency, Quantiles overshoot) {}

  /** b over a for each figure; {@code null} where a's figure is 0. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ratios(Double p50, Double p90, Double p99, Double max) {}
}
