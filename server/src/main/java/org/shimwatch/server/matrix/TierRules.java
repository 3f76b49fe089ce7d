package org.shimwatch.server.matrix;

import org.shimwatch.web.matrix.Tier;

/**
 * How a cell's tier follows from its reports. The rules:
 *
 * <ol>
 *   <li>Successes are {@code works} reports, plus {@code unknown} reports whose telemetry shows a
 *       healthy run (metrics sent, no select() anomaly, no trap, no failed self-test). Failures are
 *       {@code select-problem}, {@code traps} and {@code other}. Other {@code unknown} reports are
 *       left out. With no success and no failure the tier is {@code not enough data}.
 *   <li>The success rate is judged by its Wilson lower bound at 95%, so a few reports cannot make a
 *       cell look better than they can show.
 *   <li>The trap share is the share of the cell's reports that say or show a trap (outcome {@code
 *       traps} or a trap record): traps are what the shim's users fear most, so they weigh on their
 *       own.
 *   <li>{@code works}: lower bound at least 0.8 and trap share under 5%. {@code broken}: lower
 *       bound under 0.5, or trap share 25% or more. Anything between: {@code mostly works}.
 * </ol>
 *
 * <p>The public sees {@code not enough data} for a cell with fewer distinct installations than the
 * configured threshold (three by default); maintainers see the computed tier marked as a low
 * sample. Reports whose shim was not active never reach a cell.
 */
public final class TierRules {

  /** Least Wilson lower bound of the success rate for {@code works}. */
  public static final double WORKS_LOWER_BOUND = 0.8;

  /** Below this success rate a cell is {@code broken}. */
  public static final double BROKEN_SUCCESS_RATE = 0.5;

  /** A {@code works} cell has a trap share under this. */
  public static final double WORKS_TRAP_SHARE = 0.05;

  /** From this trap share on a cell is {@code broken}. */
  public static final double BROKEN_TRAP_SHARE = 0.25;

  private TierRules() {}

  /** The counts a tier is judged on. */
  public record Counts(
      long reports,
      long works,
      long selectProblem,
      long traps,
      long other,
      long unknownHealthy,
      long trappedReports) {

    public long successes() {
      return works + unknownHealthy;
    }

    /** Reports with a success or failure outcome. */
    public long judged() {
      return successes() + selectProblem + traps + other;
    }
  }

  /**
   * A cell's computed tier and the figures behind it.
   *
   * @param tier the tier
   * @param successLowerBound Wilson lower bound of the success rate (0 with nothing judged)
   * @param trapShare reports with a trap over all reports (0 with no report)
   */
  public record Verdict(Tier tier, double successLowerBound, double trapShare) {}

  /** The tier of a cell from its counts, whatever its number of installations. */
  public static Verdict judge(Counts c) {
    double trapShare = c.reports() == 0 ? 0 : (double) c.trappedReports() / c.reports();
    if (c.judged() == 0) {
      return new Verdict(Tier.NOT_ENOUGH_DATA, 0, trapShare);
    }
    double lower = Wilson.lowerBound(c.successes(), c.judged());
    double rate = (double) c.successes() / c.judged();
    Tier tier;
    if (rate < BROKEN_SUCCESS_RATE || trapShare >= BROKEN_TRAP_SHARE) {
      tier = Tier.BROKEN;
    } else if (lower >= WORKS_LOWER_BOUND && trapShare < WORKS_TRAP_SHARE) {
      tier = Tier.WORKS;
    } else {
      tier = Tier.MOSTLY_WORKS;
    }
    return new Verdict(tier, lower, trapShare);
  }
}
