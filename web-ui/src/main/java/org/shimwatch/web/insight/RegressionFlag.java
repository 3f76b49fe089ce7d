package org.shimwatch.web.insight;

import java.util.List;

/**
 * A platform and stack where the next shim version did significantly worse than the one before.
 *
 * @param platform OS name and version
 * @param stack stack name and version
 * @param fromShim the earlier shim version
 * @param toShim the next shim version
 * @param from figures under the earlier version
 * @param to figures under the next version
 * @param reasons {@code success-rate-fell}, {@code trap-rate-rose}
 */
public record RegressionFlag(
    String platform,
    String stack,
    String fromShim,
    String toShim,
    Rates from,
    Rates to,
    List<String> reasons) {

  public RegressionFlag {
    reasons = List.copyOf(reasons);
  }

  /**
   * Figures of one shim version on one platform and stack.
   *
   * @param reports reports
   * @param judged reports with a success or failure outcome
   * @param successRate successes over judged
   * @param successLower Wilson lower bound (95%)
   * @param successUpper Wilson upper bound (95%)
   * @param trapRate reports with a trap over reports
   */
  public record Rates(
      long reports,
      long judged,
      double successRate,
      double successLower,
      double successUpper,
      double trapRate) {}
}
