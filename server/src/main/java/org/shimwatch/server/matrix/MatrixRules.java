package org.shimwatch.server.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.matrix.MatrixRule;
import org.shimwatch.web.matrix.MatrixRulesQuery;
import org.springframework.stereotype.Component;

/**
 * The one table of how the matrix is built, made from the rules as the code applies them: the
 * thresholds of {@link TierRules}, the configured k, the inactive install modes and each {@link
 * RowGrouping}. The rules page shows it; the README's copy of it is checked against it by a test.
 */
@Component
class MatrixRules implements MatrixRulesQuery {

  static final String TIER = "tier";
  static final String COUNTING = "what counts";
  static final String PRIVACY = "privacy";
  static final String GROUPING = "row grouping";
  static final String CHECK = "check";

  private final ShimwatchProperties properties;

  MatrixRules(ShimwatchProperties properties) {
    this.properties = properties;
  }

  @Override
  public List<MatrixRule> rules() {
    return table(properties.matrix().minInstallations());
  }

  static List<MatrixRule> table(int k) {
    List<MatrixRule> out = new ArrayList<>();
    out.add(
        new MatrixRule(
            TIER,
            "works",
            "Wilson lower bound (95%) of the success rate at least "
                + percent(TierRules.WORKS_LOWER_BOUND)
                + ", and under "
                + percent(TierRules.WORKS_TRAP_SHARE)
                + " of reports with a trap"));
    out.add(
        new MatrixRule(
            TIER,
            "broken",
            "success rate under "
                + percent(TierRules.BROKEN_SUCCESS_RATE)
                + ", or "
                + percent(TierRules.BROKEN_TRAP_SHARE)
                + " or more of reports with a trap"));
    out.add(new MatrixRule(TIER, "mostly works", "anything between works and broken"));
    out.add(
        new MatrixRule(
            TIER,
            "not enough data",
            "no report counted as a success or a failure; for the public also any cell with"
                + " reports from fewer than "
                + k
                + " installations"));
    out.add(
        new MatrixRule(
            COUNTING,
            "success",
            "outcome works, or outcome unknown with healthy telemetry (metrics sent, no select()"
                + " anomaly, no trap, no failed self-test)"));
    out.add(new MatrixRule(COUNTING, "failure", "outcome select-problem, traps or other"));
    out.add(
        new MatrixRule(
            COUNTING,
            "not counted",
            "outcome unknown without that evidence; reports whose shim was not active (install"
                + " mode "
                + String.join(" or ", RolledReport.SHIM_INACTIVE_MODES.stream().sorted().toList())
                + "), shown on their row for maintainers only"));
    out.add(
        new MatrixRule(
            PRIVACY,
            "public cell",
            "figures, comments and fix sets are shown only from "
                + k
                + " distinct installations on (shimwatch.matrix.min-installations)"));
    for (RowGrouping g : RowGrouping.values()) {
      out.add(new MatrixRule(GROUPING, g.systems() + ": platform", g.platformRule()));
      out.add(new MatrixRule(GROUPING, g.systems() + ": stack", g.stackRule()));
      out.add(new MatrixRule(GROUPING, g.systems() + ": fix level", g.fixLevelRule()));
    }
    out.add(
        new MatrixRule(
            GROUPING,
            "full fix sets",
            "kept per cell and listed in its drill-down; a set is shown on its own once its"
                + " largest stored cell has "
                + k
                + " installations, the others are added up as other fix sets"));
    out.add(
        new MatrixRule(
            CHECK,
            "nearest rows",
            "rows of the same system with data, nearest first: fewest stack versions apart, then"
                + " fewest fix-level parts different (CSD level, NEWSTACK), then the same platform"
                + " before another; at most three"));
    out.add(
        new MatrixRule(
            CHECK,
            "fixes",
            "among reports of the same system and stack version, success with a fix against"
                + " without it, each with its 95% Wilson interval, shown when both sides come from "
                + k
                + " installations or more"));
    return out;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
