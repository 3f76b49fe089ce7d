package org.shimwatch.server.dashboard;

import java.util.Optional;
import java.util.TreeMap;
import org.shimwatch.server.latency.ComparisonRequest;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.HistogramText;
import org.shimwatch.server.rollup.Filter;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.web.latency.LatencyDistributionQuery;
import org.shimwatch.web.latency.LatencyDistributions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The buckets behind a latency comparison, merged from the project's latency rollups with the same
 * rules as the comparison itself: by shim, a side is one shim version (on the stack held, if any);
 * by stack, a side is a stack name, version or "name version" (under the shim version held).
 */
@Service
class LatencyDistributionService implements LatencyDistributionQuery {

  private final ProjectService projects;
  private final JdbcTemplate jdbc;

  LatencyDistributionService(ProjectService projects, JdbcTemplate jdbc) {
    this.projects = projects;
    this.jdbc = jdbc;
  }

  @Override
  public Optional<LatencyDistributions> distributions(
      String project, String callKind, String by, String a, String b, String within) {
    ComparisonRequest request = ComparisonRequest.of(callKind, by, a, b, within);
    String kind = request.kind();
    String sideA = request.a();
    String sideB = request.b();
    String hold = request.within();
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    boolean byShim = request.byShim();
    TreeMap<Integer, Long> latencyA = new TreeMap<>();
    TreeMap<Integer, Long> latencyB = new TreeMap<>();
    TreeMap<Integer, Long> overshootA = new TreeMap<>();
    TreeMap<Integer, Long> overshootB = new TreeMap<>();
    jdbc.query(
        "SELECT stack_name, stack_version, shim_version, latency, overshoot FROM latency_rollup"
            + " WHERE project_id = ? AND call_kind = ?",
        rs -> {
          String stackName = rs.getString(1);
          String stackVersion = rs.getString(2);
          String shim = rs.getString(3);
          String label = RolledReport.label(stackName, stackVersion, "unknown stack");
          for (int side = 0; side < 2; side++) {
            String value = side == 0 ? sideA : sideB;
            boolean on =
                byShim
                    ? shim.equalsIgnoreCase(value)
                        && Filter.matches(hold, stackName, stackVersion, label)
                    : Filter.matches(value, stackName, stackVersion, label)
                        && Filter.matches(hold, shim);
            if (on) {
              HistogramText.add(
                  side == 0 ? latencyA : latencyB, HistogramText.parse(rs.getString(4)), 1);
              HistogramText.add(
                  side == 0 ? overshootA : overshootB, HistogramText.parse(rs.getString(5)), 1);
            }
          }
        },
        p.get().getId(),
        kind);
    return Optional.of(
        new LatencyDistributions(
            Buckets.bins(latencyA),
            Buckets.bins(latencyB),
            Buckets.bins(overshootA),
            Buckets.bins(overshootB)));
  }
}
