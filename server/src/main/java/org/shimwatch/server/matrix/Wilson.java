package org.shimwatch.server.matrix;

/**
 * The Wilson score interval of a success rate: unlike the plain rate plus or minus an error, it
 * stays inside 0..1 and is honest about small samples (3 successes of 3 give a lower bound of 0.44,
 * not 1).
 */
public final class Wilson {

  /** The normal quantile for a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  private Wilson() {}

  /**
   * An interval.
   *
   * @param lower lower bound, 0 when there is no trial
   * @param upper upper bound, 1 when there is no trial
   */
  public record Interval(double lower, double upper) {}

  /** The 95% interval of {@code successes} out of {@code trials}. */
  public static Interval interval(long successes, long trials) {
    if (trials <= 0) {
      return new Interval(0, 1);
    }
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException(successes + " successes out of " + trials + " trials");
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double centre = p + z2 / (2 * n);
    double spread = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    double denominator = 1 + z2 / n;
    double lower = Math.max(0, (centre - spread) / denominator);
    double upper = Math.min(1, (centre + spread) / denominator);
    return new Interval(lower, upper);
  }

  /** The lower bound of the 95% interval. */
  public static double lowerBound(long successes, long trials) {
    return interval(successes, trials).lower();
  }
}
