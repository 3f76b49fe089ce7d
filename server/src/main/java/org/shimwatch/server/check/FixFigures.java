package org.shimwatch.server.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.shimwatch.server.matrix.CellCounts;
import org.shimwatch.server.matrix.MatrixTables;
import org.shimwatch.server.matrix.RowGroup;
import org.shimwatch.server.matrix.TierRules;
import org.shimwatch.server.matrix.Wilson;
import org.shimwatch.web.check.CheckAnswer;

/**
 * How success goes with each fix among the reports of a setup's OS family and stack version (see
 * {@link CheckService} for the rules). Every stored cell holds one full fix set, so each cell falls
 * wholly on one side of a fix.
 */
final class FixFigures {

  private final List<CheckAnswer.FixEvidence> yours = new ArrayList<>();
  private CheckAnswer.FixEvidence bestMissing;

  FixFigures(
      RowGroup group,
      List<String> setupFixes,
      Map<String, MatrixTables.Row> rows,
      List<MatrixTables.Cell> cells,
      Map<String, Long> rowInstallations,
      int k) {
    List<MatrixTables.Cell> population = new ArrayList<>();
    Map<String, Integer> cellsPerRow = new HashMap<>();
    for (MatrixTables.Cell c : cells) {
      MatrixTables.Row r = rows.get(c.rowHash());
      if (r != null
          && r.osFamily().equals(group.osFamily())
          && r.stackName().equals(group.stackName())
          && r.stackVersion().equals(group.stackVersion())) {
        population.add(c);
        cellsPerRow.merge(c.rowHash(), 1, Integer::sum);
      }
    }
    Set<String> mine = new LinkedHashSet<>();
    for (String f : setupFixes) {
      mine.add(base(f));
    }
    Set<String> all = new LinkedHashSet<>();
    for (MatrixTables.Cell c : population) {
      for (String f : RowGroup.fixes(c.fixesKey())) {
        all.add(base(f));
      }
    }
    for (String fix : mine) {
      yours.add(evidence(fix, population, cellsPerRow, rowInstallations, k));
    }
    List<CheckAnswer.FixEvidence> missing = new ArrayList<>();
    for (String fix : all) {
      if (!mine.contains(fix)) {
        CheckAnswer.FixEvidence e = evidence(fix, population, cellsPerRow, rowInstallations, k);
        if (e.shown() && Boolean.TRUE.equals(e.goesWithSuccess())) {
          missing.add(e);
        }
      }
    }
    missing.sort(
        Comparator.comparingDouble((CheckAnswer.FixEvidence e) -> -e.with().lower())
            .thenComparingDouble(e -> -(rate(e.with()) - rate(e.without())))
            .thenComparing(CheckAnswer.FixEvidence::fix));
    bestMissing = missing.isEmpty() ? null : missing.get(0);
  }

  List<CheckAnswer.FixEvidence> yours() {
    return yours;
  }

  CheckAnswer.FixEvidence bestMissing() {
    return bestMissing;
  }

  /** A fix entry without its version, kind in lower case: {@code csd:UN02200}. */
  static String base(String entry) {
    int eq = entry.indexOf('=');
    String kindId = eq < 0 ? entry : entry.substring(0, eq);
    int colon = kindId.indexOf(':');
    return colon < 0
        ? kindId
        : kindId.substring(0, colon).toLowerCase(Locale.ROOT) + kindId.substring(colon);
  }

  private static double rate(CheckAnswer.Rate r) {
    return r.judged() == 0 ? 0 : (double) r.successes() / r.judged();
  }

  /** One side's counts and the lower bound of its distinct installations. */
  private static final class Side {
    CellCounts counts = CellCounts.ZERO;
    long atLeast;
    final Map<String, Integer> cellsPerRow = new HashMap<>();

    void add(MatrixTables.Cell c) {
      counts = counts.plus(c.counts());
      atLeast = Math.max(atLeast, c.counts().installations());
      cellsPerRow.merge(c.rowHash(), 1, Integer::sum);
    }

    /** A row whose cells all fall on this side lends its distinct installations. */
    void wholeRows(Map<String, Integer> population, Map<String, Long> rowInstallations) {
      cellsPerRow.forEach(
          (row, n) -> {
            if (n.equals(population.get(row))) {
              atLeast = Math.max(atLeast, rowInstallations.getOrDefault(row, 0L));
            }
          });
    }

    CheckAnswer.Rate rate() {
      TierRules.Counts t = counts.tier();
      Wilson.Interval i = Wilson.interval(t.successes(), t.judged());
      return new CheckAnswer.Rate(t.successes(), t.judged(), i.lower(), i.upper());
    }
  }

  static CheckAnswer.FixEvidence evidence(
      String fix,
      List<MatrixTables.Cell> population,
      Map<String, Integer> cellsPerRow,
      Map<String, Long> rowInstallations,
      int k) {
    Side with = new Side();
    Side without = new Side();
    for (MatrixTables.Cell c : population) {
      Set<String> bases = new HashSet<>();
      for (String f : RowGroup.fixes(c.fixesKey())) {
        bases.add(base(f));
      }
      (bases.contains(fix) ? with : without).add(c);
    }
    with.wholeRows(cellsPerRow, rowInstallations);
    without.wholeRows(cellsPerRow, rowInstallations);
    CheckAnswer.Rate w = with.rate();
    CheckAnswer.Rate wo = without.rate();
    boolean shown = with.atLeast >= k && without.atLeast >= k && w.judged() > 0 && wo.judged() > 0;
    if (!shown) {
      return new CheckAnswer.FixEvidence(fix, false, null, null, null);
    }
    return new CheckAnswer.FixEvidence(fix, true, w, wo, rate(w) > rate(wo));
  }
}
