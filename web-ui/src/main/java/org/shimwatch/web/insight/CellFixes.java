package org.shimwatch.web.insight;

import java.util.List;

/**
 * Fix correlation for the public: for each fix of a matrix cell's row, the success rate of the
 * reports of the same OS family with the fix and without it, the same figures the maintainer sees
 * on the dashboard. A fix is compared only when each side has reports from at least {@code
 * minInstallations} installations and at least {@code minReports} reports with a clear outcome;
 * otherwise it says {@code not enough data}.
 *
 * @param osFamily the OS family compared within
 * @param minInstallations least installations on each side
 * @param minReports least judged reports on each side
 * @param fixes one line per fix of the row, in the row's order
 */
public record CellFixes(String osFamily, int minInstallations, int minReports, List<Line> fixes) {

  public CellFixes {
    fixes = List.copyOf(fixes);
  }

  /**
   * One fix.
   *
   * @param fix the fix, {@code kind:id[=version]}
   * @param correlation the comparison, or {@code null} when a side has too few reports or
   *     installations
   */
  public record Line(String fix, FixCorrelation correlation) {

    public boolean enough() {
      return correlation != null;
    }
  }
}
