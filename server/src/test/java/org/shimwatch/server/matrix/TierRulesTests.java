package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierRulesTests {

  /**
   * One row per case: reports by outcome, unknown reports with and without evidence of health,
   * reports that say or show a trap, all reports, and the tier.
   */
  @ParameterizedTest(name = "[{index}] {8}: {9}")
  @CsvSource({
    // works, select, traps, other, unknownHealthy, unknownOther, trapped, reports, tier, why
    "40, 0, 0, 0, 0, 0, 0, 40, works, all works",
    "38, 1, 0, 1, 0, 0, 0, 40, works, 38 of 40: lower bound 0.83",
    "18, 1, 0, 1, 0, 0, 0, 20, mostly works, same rate with fewer reports: lower bound 0.70",
    "16, 0, 0, 0, 0, 0, 0, 16, works, 16 of 16: lower bound 0.806",
    "15, 0, 0, 0, 0, 0, 0, 15, mostly works, 15 of 15: lower bound 0.796",
    "3, 0, 0, 0, 0, 0, 0, 3, mostly works, few reports that all work are not broken",
    "10, 10, 0, 0, 0, 0, 0, 20, mostly works, half works",
    "9, 11, 0, 0, 0, 0, 0, 20, broken, more failures than successes",
    "0, 3, 0, 0, 0, 0, 0, 3, broken, nothing works",
    "0, 0, 0, 0, 30, 0, 0, 30, works, unknowns with evidence of health count as successes",
    "0, 0, 0, 0, 0, 30, 0, 30, not enough data, unknowns without evidence are not judged",
    "20, 25, 0, 0, 0, 100, 0, 145, broken, unknowns without evidence do not dilute failures",
    "96, 0, 4, 0, 0, 0, 4, 100, works, trap share 4% with lower bound 0.90",
    "95, 0, 5, 0, 0, 0, 5, 100, mostly works, trap share 5% blocks works",
    "75, 0, 25, 0, 0, 0, 25, 100, broken, trap share 25% is broken",
    "90, 0, 0, 0, 0, 0, 30, 120, broken, trap records count even when the outcome is works",
    "0, 0, 0, 0, 0, 0, 0, 0, not enough data, no report",
  })
  void judgesACell(
      long works,
      long select,
      long traps,
      long other,
      long unknownHealthy,
      long unknownOther,
      long trapped,
      long reports,
      String tier,
      String why) {
    TierRules.Verdict v =
        TierRules.judge(
            new TierRules.Counts(reports, works, select, traps, other, unknownHealthy, trapped));

    assertThat(v.tier().label()).as(why).isEqualTo(tier);
  }
}
