package org.shimwatch.server.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.shimwatch.server.matrix.MatrixTables;
import org.shimwatch.server.matrix.RowGroup;
import org.shimwatch.server.matrix.TierRules;
import org.shimwatch.server.matrix.Wilson;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.insight.FixCorrelation;
import org.shimwatch.web.insight.InsightQuery;
import org.shimwatch.web.insight.RegressionFlag;
import org.springframework.stereotype.Service;

/**
 * Fix correlation and regression flags, computed from the matrix rollups (where each report the
 * shim ran under counts in exactly one cell), so they cost the number of cells, not reports.
 * Success and failure mean what they mean for the tiers: see {@link
 * org.shimwatch.server.matrix.TierRules}.
 *
 * <p><b>Fix correlation</b>: within one OS family (fixes of different systems do not compare), for
 * each installed fix ({@code kind:id[=version]}), the success rate of judged reports with it and of
 * those without it. A fix is listed only when both sides have at least the minimum sample (20 by
 * default). Sorted by the size of the difference. It is a correlation: a fix that comes with newer
 * systems may look good for their sake.
 *
 * <p><b>Regression flags</b>: for each platform and stack (over all fixes), the shim versions with
 * reports in version order; each version is compared with the one before. Flagged when the success
 * rate's 95% Wilson interval of the newer version lies wholly below the older one's, or when the
 * share of reports with a trap rises by at least 10 points with at least 10 reports on each side
 * (both settable).
 */
@Service
class InsightService implements InsightQuery {

  private final ProjectService projects;
  private final MatrixTables tables;
  private final ShimwatchProperties properties;

  InsightService(ProjectService projects, MatrixTables tables, ShimwatchProperties properties) {
    this.projects = projects;
    this.tables = tables;
    this.properties = properties;
  }

  /** Successes, judged reports, reports and trapped reports: counts that add up. */
  private static final class Rate {
    long successes;
    long judged;
    long reports;
    long trapped;

    void add(MatrixTables.Cell c) {
      TierRules.Counts counts = c.counts().tier();
      successes += counts.successes();
      judged += counts.judged();
      reports += c.counts().reports();
      trapped += c.counts().trappedReports();
    }

    void add(Rate r) {
      successes += r.successes;
      judged += r.judged;
      reports += r.reports;
      trapped += r.trapped;
    }

    double successRate() {
      return judged == 0 ? 0 : (double) successes / judged;
    }

    double trapRate() {
      return reports == 0 ? 0 : (double) trapped / reports;
    }
  }

  @Override
  public Optional<List<FixCorrelation>> fixCorrelation(String project, int minSample) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    Map<String, MatrixTables.Row> rows = new HashMap<>();
    tables.rows(projectId).forEach(r -> rows.put(r.hash(), r));
    Map<String, Rate> family = new TreeMap<>();
    Map<String, Map<String, Rate>> withFix = new TreeMap<>();
    // Each stored cell holds one full fix set: rows group fix sets, cells keep them apart.
    for (MatrixTables.Cell c : tables.cells(projectId)) {
      MatrixTables.Row row = rows.get(c.rowHash());
      family.computeIfAbsent(row.osFamily(), k -> new Rate()).add(c);
      for (String fix : RowGroup.fixes(c.fixesKey())) {
        withFix
            .computeIfAbsent(row.osFamily(), k -> new TreeMap<>())
            .computeIfAbsent(fix, k -> new Rate())
            .add(c);
      }
    }
    List<FixCorrelation> out = new ArrayList<>();
    withFix.forEach(
        (os, fixes) ->
            fixes.forEach(
                (fix, with) -> {
                  Rate all = family.get(os);
                  long withoutJudged = all.judged - with.judged;
                  long withoutSuccesses = all.successes - with.successes;
                  if (with.judged >= minSample && withoutJudged >= minSample) {
                    double withRate = with.successRate();
                    double withoutRate = (double) withoutSuccesses / withoutJudged;
                    out.add(
                        new FixCorrelation(
                            os,
                            fix,
                            with.judged,
                            withRate,
                            withoutJudged,
                            withoutRate,
                            withRate - withoutRate));
                  }
                }));
    out.sort(
        Comparator.comparingDouble((FixCorrelation f) -> -Math.abs(f.difference()))
            .thenComparing(FixCorrelation::osFamily)
            .thenComparing(FixCorrelation::fix));
    return Optional.of(out);
  }

  /** Fix correlation with the configured minimum sample. */
  Optional<List<FixCorrelation>> fixCorrelation(String project) {
    return fixCorrelation(project, properties.insight().minFixSample());
  }

  @Override
  public Optional<List<RegressionFlag>> regressions(String project) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    Map<String, MatrixTables.Row> rows = new HashMap<>();
    tables.rows(projectId).forEach(r -> rows.put(r.hash(), r));
    // platform + stack -> shim version (in version order) -> rate
    Map<List<String>, TreeMap<String, Rate>> byPlatformStack = new LinkedHashMap<>();
    for (MatrixTables.Cell c : tables.cells(projectId)) {
      if (c.shimVersion().isEmpty()) {
        continue;
      }
      MatrixTables.Row row = rows.get(c.rowHash());
      List<String> key = List.of(row.platformLabel(), row.stackLabel());
      byPlatformStack
          .computeIfAbsent(key, k -> new TreeMap<>(Versions.ORDER))
          .computeIfAbsent(c.shimVersion(), k -> new Rate())
          .add(c);
    }
    int minReports = properties.insight().regressionMinReports();
    double points = properties.insight().regressionTrapRatePoints() / 100.0;
    List<RegressionFlag> out = new ArrayList<>();
    byPlatformStack.forEach(
        (key, versions) -> {
          Map.Entry<String, Rate> previous = null;
          for (Map.Entry<String, Rate> current : versions.entrySet()) {
            if (previous != null) {
              RegressionFlag flag =
                  flag(key, previous.getKey(), previous.getValue(), current, minReports, points);
              if (flag != null) {
                out.add(flag);
              }
            }
            previous = current;
          }
        });
    out.sort(
        Comparator.comparing(RegressionFlag::platform)
            .thenComparing(RegressionFlag::stack)
            .thenComparing(RegressionFlag::toShim, Versions.ORDER));
    return Optional.of(out);
  }

  private static RegressionFlag flag(
      List<String> key,
      String fromVersion,
      Rate from,
      Map.Entry<String, Rate> to,
      int minReports,
      double points) {
    Wilson.Interval before = Wilson.interval(from.successes, from.judged);
    Wilson.Interval after = Wilson.interval(to.getValue().successes, to.getValue().judged);
    List<String> reasons = new ArrayList<>();
    if (from.judged > 0 && to.getValue().judged > 0 && after.upper() < before.lower()) {
      reasons.add("success-rate-fell");
    }
    if (from.reports >= minReports
        && to.getValue().reports >= minReports
        && to.getValue().trapRate() - from.trapRate() >= points - 1e-12) {
      reasons.add("trap-rate-rose");
    }
    if (reasons.isEmpty()) {
      return null;
    }
    return new RegressionFlag(
        key.get(0),
        key.get(1),
        fromVersion,
        to.getKey(),
        rates(from, before),
        rates(to.getValue(), after),
        reasons);
  }

  private static RegressionFlag.Rates rates(Rate r, Wilson.Interval i) {
    return new RegressionFlag.Rates(
        r.reports, r.judged, r.successRate(), i.lower(), i.upper(), r.trapRate());
  }
}
