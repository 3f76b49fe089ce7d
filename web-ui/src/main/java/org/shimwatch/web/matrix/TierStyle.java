package org.shimwatch.web.matrix;

import java.util.List;

/**
 * How a page shows a tier: its text (the tier's own label), a CSS class for its colour, and a
 * sentence for the legend. Colour is never the only sign: the label is always written out.
 *
 * @param tier the tier
 * @param cssClass {@code tier-works}, {@code tier-mostly}, {@code tier-broken} or {@code
 *     tier-nodata}
 * @param meaning what the tier says, for the legend
 */
public record TierStyle(Tier tier, String cssClass, String meaning) {

  /** The tier's label, e.g. {@code mostly works}. */
  public String label() {
    return tier.label();
  }

  /** Every tier, best first. */
  public static final List<TierStyle> ALL =
      List.of(
          new TierStyle(
              Tier.WORKS,
              "tier-works",
              "At 95% confidence at least 80% of runs succeed, and under 5% of reports show a"
                  + " trap."),
          new TierStyle(
              Tier.MOSTLY_WORKS,
              "tier-mostly",
              "Most runs succeed, but too few reports or some failures or traps keep it from"
                  + " \"works\"."),
          new TierStyle(
              Tier.BROKEN,
              "tier-broken",
              "Fewer than half of the runs succeed, or a quarter or more of the reports show a"
                  + " trap."),
          new TierStyle(
              Tier.NOT_ENOUGH_DATA,
              "tier-nodata",
              "Reports from too few installations to say (or no report with a clear outcome)."));

  /** The style of a tier. */
  public static TierStyle of(Tier tier) {
    for (TierStyle s : ALL) {
      if (s.tier == tier) {
        return s;
      }
    }
    return ALL.get(ALL.size() - 1);
  }
}
