package org.shimwatch.server.trends;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.web.trends.Adoption;
import org.shimwatch.web.trends.MonthActivity;
import org.shimwatch.web.trends.TrendQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The trends, read from the trend rollups only: a few hundred rows at most per answer. */
@Service
class TrendService implements TrendQuery {

  private final ProjectService projects;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  TrendService(ProjectService projects, JdbcTemplate jdbc, Clock clock) {
    this.projects = projects;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Optional<Adoption> adoption(String project) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long id = p.get().getId();
    LocalDate thisWeek = TrendTally.week(clock.instant());
    LocalDate first = thisWeek.minusWeeks(WEEKS - 1L);
    Date from = Date.valueOf(first);

    Map<LocalDate, Adoption.Week> byWeek = new HashMap<>();
    jdbc.query(
        "SELECT week_start, reports, successes, failures, installations, new_installations FROM"
            + " trend_week WHERE project_id = ? AND week_start >= ?",
        rs -> {
          LocalDate w = rs.getDate(1).toLocalDate();
          byWeek.put(
              w,
              new Adoption.Week(
                  w, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        },
        id,
        from);
    List<Adoption.Week> weeks = new ArrayList<>();
    for (LocalDate w = first; !w.isAfter(thisWeek); w = w.plusWeeks(1)) {
      weeks.add(byWeek.getOrDefault(w, new Adoption.Week(w, 0, 0, 0, 0, 0)));
    }

    List<Adoption.ShimWeek> shimWeeks = new ArrayList<>();
    jdbc.query(
        "SELECT week_start, shim_version, reports, successes, failures, installations,"
            + " new_installations FROM trend_week_shim WHERE project_id = ? AND week_start >= ?",
        rs -> {
          shimWeeks.add(
              new Adoption.ShimWeek(
                  rs.getDate(1).toLocalDate(),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7)));
        },
        id,
        from);
    shimWeeks.sort(
        Comparator.comparing(Adoption.ShimWeek::week)
            .thenComparing(Adoption.ShimWeek::shimVersion, Versions.ORDER));

    Map<LocalDate, long[]> cohorts = new LinkedHashMap<>();
    jdbc.query(
        "SELECT cohort_week, weeks_after, installations FROM trend_cohort WHERE project_id = ? AND"
            + " cohort_week >= ? ORDER BY cohort_week DESC, weeks_after",
        rs -> {
          LocalDate c = rs.getDate(1).toLocalDate();
          int span = (int) ChronoUnit.WEEKS.between(c, thisWeek) + 1;
          long[] still = cohorts.computeIfAbsent(c, k -> new long[Math.max(1, span)]);
          int after = rs.getInt(2);
          if (after < still.length) {
            still[after] = rs.getLong(3);
          }
        },
        id,
        from);
    List<Adoption.Cohort> cohortList = new ArrayList<>();
    cohorts.forEach(
        (week, still) -> {
          List<Long> s = new ArrayList<>(still.length);
          for (long v : still) {
            s.add(v);
          }
          cohortList.add(new Adoption.Cohort(week, still[0], s));
        });
    return Optional.of(new Adoption(weeks, shimWeeks, cohortList));
  }

  @Override
  public Optional<List<MonthActivity>> months(String project) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    YearMonth thisMonth = YearMonth.from(TrendTally.month(clock.instant()));
    YearMonth first = thisMonth.minusMonths(MONTHS - 1L);
    Map<YearMonth, MonthActivity> found = new HashMap<>();
    jdbc.query(
        "SELECT month_start, reports, installations, new_installations FROM trend_month WHERE"
            + " project_id = ? AND month_start >= ?",
        rs -> {
          YearMonth m = YearMonth.from(rs.getDate(1).toLocalDate());
          found.put(m, new MonthActivity(m, rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        },
        p.get().getId(),
        Date.valueOf(first.atDay(1)));
    List<MonthActivity> out = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(thisMonth); m = m.plusMonths(1)) {
      out.add(found.getOrDefault(m, new MonthActivity(m, 0, 0, 0)));
    }
    return Optional.of(out);
  }
}
