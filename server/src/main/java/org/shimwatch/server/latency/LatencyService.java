package org.shimwatch.server.latency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.shimwatch.report.Histogram;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.HistogramText;
import org.shimwatch.server.rollup.Filter;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.web.latency.LatencyComparison;
import org.shimwatch.web.latency.LatencyQuery;
import org.shimwatch.web.latency.LatencyView;
import org.shimwatch.web.latency.Quantiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Latency figures from the merged histograms: one query over the project's rollups (one row per
 * stack version, shim version and call kind), quantiles computed from the buckets.
 */
@Service
class LatencyService implements LatencyQuery {

  private final ProjectService projects;
  private final JdbcTemplate jdbc;

  LatencyService(ProjectService projects, JdbcTemplate jdbc) {
    this.projects = projects;
    this.jdbc = jdbc;
  }

  /** A stored rollup. */
  private record Rollup(
      String stackName,
      String stackVersion,
      String shimVersion,
      String callKind,
      long reports,
      long calls,
      String latency,
      String overshoot) {

    String stackLabel() {
      return RolledReport.label(stackName, stackVersion, "unknown stack");
    }

    boolean stackMatches(String filter) {
      return Filter.matches(filter, stackName, stackVersion, stackLabel());
    }
  }

  @Override
  public Optional<List<LatencyView>> latency(
      String project, String callKind, String stack, String shim) {
    String kind = callKind == null || callKind.isBlank() ? null : kind(callKind);
    String stackFilter = Filter.of("stack", stack);
    String shimFilter = Filter.of("shim", shim);
    Optional<List<Rollup>> all = rollups(project);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    List<LatencyView> out = new ArrayList<>();
    for (Rollup r : all.get()) {
      if ((kind == null || kind.equals(r.callKind()))
          && r.stackMatches(stackFilter)
          && Filter.matches(shimFilter, r.shimVersion())) {
        out.add(
            new LatencyView(
                r.stackLabel(),
                r.shimVersion(),
                r.callKind(),
                r.reports(),
                r.calls(),
                quantiles(HistogramText.parse(r.latency())),
                quantiles(HistogramText.parse(r.overshoot()))));
      }
    }
    out.sort(
        Comparator.comparing(LatencyView::stack)
            .thenComparing(LatencyView::shimVersion, Versions.ORDER)
            .thenComparing(LatencyView::callKind));
    return Optional.of(out);
  }

  @Override
  public Optional<LatencyComparison> compare(
      String project, String callKind, String by, String a, String b, String within) {
    ComparisonRequest request = ComparisonRequest.of(callKind, by, a, b, within);
    String kind = request.kind();
    String sideA = request.a();
    String sideB = request.b();
    String hold = request.within();
    String dimension = request.dimension();
    Optional<List<Rollup>> all = rollups(project);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    boolean byShim = request.byShim();
    LatencyComparison.Side first = side(all.get(), kind, byShim, sideA, hold);
    LatencyComparison.Side second = side(all.get(), kind, byShim, sideB, hold);
    return Optional.of(
        new LatencyComparison(
            kind,
            dimension,
            hold,
            first,
            second,
            ratios(first.latency(), second.latency()),
            ratios(first.overshoot(), second.overshoot())));
  }

  private LatencyComparison.Side side(
      List<Rollup> all, String kind, boolean byShim, String value, String hold) {
    TreeMap<Integer, Long> latency = new TreeMap<>();
    TreeMap<Integer, Long> overshoot = new TreeMap<>();
    long reports = 0;
    long calls = 0;
    for (Rollup r : all) {
      if (!r.callKind().equals(kind)) {
        continue;
      }
      boolean onSide =
          byShim
              ? r.shimVersion().equalsIgnoreCase(value) && r.stackMatches(hold)
              : r.stackMatches(value) && Filter.matches(hold, r.shimVersion());
      if (onSide) {
        reports += r.reports();
        calls += r.calls();
        HistogramText.add(latency, HistogramText.parse(r.latency()), 1);
        HistogramText.add(overshoot, HistogramText.parse(r.overshoot()), 1);
      }
    }
    return new LatencyComparison.Side(
        value, reports, calls, quantiles(latency), quantiles(overshoot));
  }

  /** Count, p50, p90, p99 and max of merged buckets. */
  static Quantiles quantiles(Map<Integer, Long> buckets) {
    Histogram h = HistogramText.histogram(buckets);
    return new Quantiles(
        h.totalCount(),
        h.valueAtQuantile(0.5),
        h.valueAtQuantile(0.9),
        h.valueAtQuantile(0.99),
        h.valueAtQuantile(1.0));
  }

  private static LatencyComparison.Ratios ratios(Quantiles a, Quantiles b) {
    return new LatencyComparison.Ratios(
        ratio(b.p50Ns(), a.p50Ns()),
        ratio(b.p90Ns(), a.p90Ns()),
        ratio(b.p99Ns(), a.p99Ns()),
        ratio(b.maxNs(), a.maxNs()));
  }

  private static Double ratio(long b, long a) {
    return a == 0 ? null : (double) b / a;
  }

  private static String kind(String name) {
    return ComparisonRequest.kind(name);
  }

  private Optional<List<Rollup>> rollups(String project) {
    Optional<Project> p = projects.find(project);
    return p.map(
        pr ->
            jdbc.query(
                "SELECT stack_name, stack_version, shim_version, call_kind, reports, calls,"
                    + " latency, overshoot FROM latency_rollup WHERE project_id = ?",
                (rs, n) ->
                    new Rollup(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getString(8)),
                pr.getId()));
  }
}
