package org.shimwatch.server.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.overview.Overview;
import org.shimwatch.web.overview.OverviewQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The overview's figures. Reports per day are counted in one pass over the window of the (project,
 * received_at) index; success by shim version adds up the matrix cells, so it costs the number of
 * cells, not of reports; ingest counters come from the meter registry the ingest path feeds.
 */
@Service
class OverviewService implements OverviewQuery {

  /** The ingest path's counter of posted reports, tagged by result and reason. */
  static final String INGEST_COUNTER = "shimwatch.ingest.reports";

  /** The writer's gauges of waiting reports and of room for them. */
  static final String QUEUE_GAUGE = "shimwatch.ingest.queue";

  static final String QUEUE_CAPACITY_GAUGE = "shimwatch.ingest.queue.capacity";

  private final ProjectService projects;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final MeterRegistry meters;
  private final int minFixSample;

  OverviewService(
      ProjectService projects,
      JdbcTemplate jdbc,
      Clock clock,
      MeterRegistry meters,
      ShimwatchProperties props) {
    this.projects = projects;
    this.jdbc = jdbc;
    this.clock = clock;
    this.meters = meters;
    this.minFixSample = props.insight().minFixSample();
  }

  @Override
  public Optional<Overview> overview(String project) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long id = p.get().getId();
    Instant now = clock.instant();
    return Optional.of(new Overview(perDay(id, now), byShim(id), health(id, now), minFixSample));
  }

  /** The last {@link #DAYS} days (UTC) up to today, each with its count, zeros included. */
  List<Overview.DayCount> perDay(long projectId, Instant now) {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate first = today.minusDays(DAYS - 1L);
    StringBuilder sql = new StringBuilder("SELECT ");
    List<Object> args = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      if (d > 0) {
        sql.append(", ");
      }
      sql.append("SUM(CASE WHEN received_at >= ? AND received_at < ? THEN 1 ELSE 0 END)");
      args.add(start(first.plusDays(d)));
      args.add(start(first.plusDays(d + 1L)));
    }
    sql.append(" FROM report WHERE project_id = ? AND received_at >= ? AND received_at < ?");
    args.add(projectId);
    args.add(start(first));
    args.add(start(today.plusDays(1)));
    List<Overview.DayCount> out = new ArrayList<>();
    jdbc.query(
        sql.toString(),
        rs -> {
          for (int d = 0; d < DAYS; d++) {
            out.add(new Overview.DayCount(first.plusDays(d), rs.getLong(d + 1)));
          }
        },
        args.toArray());
    if (out.isEmpty()) {
      for (int d = 0; d < DAYS; d++) {
        out.add(new Overview.DayCount(first.plusDays(d), 0));
      }
    }
    return out;
  }

  private static Timestamp start(LocalDate day) {
    return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** Reports through an active shim and their outcomes, per shim version, versions in order. */
  List<Overview.ShimSuccess> byShim(long projectId) {
    Map<String, Overview.ShimSuccess> out = new TreeMap<>(Versions.ORDER);
    jdbc.query(
        "SELECT shim_version, SUM(reports), SUM(outcome_works), SUM(outcome_select_problem),"
            + " SUM(outcome_traps), SUM(outcome_other) FROM matrix_cell WHERE project_id = ?"
            + " GROUP BY shim_version",
        rs -> {
          long works = rs.getLong(3);
          long judged = works + rs.getLong(4) + rs.getLong(5) + rs.getLong(6);
          String version = RolledReport.nz(rs.getString(1));
          out.put(version, new Overview.ShimSuccess(version, rs.getLong(2), judged, works));
        },
        projectId);
    return List.copyOf(out.values());
  }

  Overview.IngestHealth health(long projectId, Instant now) {
    Timestamp hourAgo = Timestamp.from(now.minus(Duration.ofHours(1)));
    Timestamp dayAgo = Timestamp.from(now.minus(Duration.ofDays(1)));
    long[] counts = new long[2];
    jdbc.query(
        "SELECT SUM(CASE WHEN received_at >= ? THEN 1 ELSE 0 END), COUNT(*) FROM report"
            + " WHERE project_id = ? AND received_at >= ?",
        rs -> {
          counts[0] = rs.getLong(1);
          counts[1] = rs.getLong(2);
        },
        hourAgo,
        projectId,
        dayAgo);
    Timestamp newest =
        jdbc.queryForObject(
            "SELECT MAX(received_at) FROM report WHERE project_id = ?", Timestamp.class, projectId);
    Long accepted = null;
    Long duplicates = null;
    Map<String, Long> rejected = new TreeMap<>();
    for (Counter c : meters.find(INGEST_COUNTER).counters()) {
      String result = c.getId().getTag("result");
      long n = (long) c.count();
      if ("accepted".equals(result)) {
        accepted = (accepted == null ? 0 : accepted) + n;
      } else if ("duplicate".equals(result)) {
        duplicates = (duplicates == null ? 0 : duplicates) + n;
      } else if ("rejected".equals(result) && n > 0) {
        String reason = c.getId().getTag("reason");
        rejected.merge(reason == null ? "unknown" : reason, n, Long::sum);
      }
    }
    return new Overview.IngestHealth(
        counts[0],
        counts[1],
        newest == null ? null : newest.toInstant(),
        gauge(QUEUE_GAUGE),
        gauge(QUEUE_CAPACITY_GAUGE),
        accepted,
        duplicates,
        rejected);
  }

  private Integer gauge(String name) {
    Gauge g = meters.find(name).gauge();
    if (g == null) {
      return null;
    }
    double v = g.value();
    return Double.isNaN(v) ? null : (int) v;
  }
}
