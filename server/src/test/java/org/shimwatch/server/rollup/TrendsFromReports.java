package org.shimwatch.server.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The trend rollups' installation counts worked out the slow way, straight from the report rows,
 * and compared with the tables: installations per week and month, new ones per week, cohorts.
 */
final class TrendsFromReports {

  private TrendsFromReports() {}

  private record Seen(UUID installation, LocalDate day) {}

  static void assertAgree(JdbcTemplate jdbc, long projectId) {
    List<Seen> seen = new ArrayList<>();
    jdbc.query(
        "SELECT installation_id, created_at, received_at FROM report WHERE project_id = ?",
        rs -> {
          Instant created = rs.getTimestamp(2).toInstant();
          Instant received = rs.getTimestamp(3).toInstant();
          Instant at = created.isAfter(received) ? received : created;
          seen.add(new Seen(rs.getObject(1, UUID.class), LocalDate.ofInstant(at, ZoneOffset.UTC)));
        },
        projectId);
    Map<UUID, TreeSet<LocalDate>> weeksOf = new HashMap<>();
    Map<LocalDate, Set<UUID>> perWeek = new TreeMap<>();
    Map<LocalDate, Set<UUID>> perMonth = new TreeMap<>();
    for (Seen s : seen) {
      LocalDate week = s.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      weeksOf.computeIfAbsent(s.installation(), i -> new TreeSet<>()).add(week);
      perWeek.computeIfAbsent(week, w -> new java.util.HashSet<>()).add(s.installation());
      perMonth
          .computeIfAbsent(s.day().withDayOfMonth(1), m -> new java.util.HashSet<>())
          .add(s.installation());
    }
    Map<LocalDate, Long> newPerWeek = new TreeMap<>();
    Map<LocalDate, Map<Long, Long>> cohorts = new TreeMap<>();
    for (TreeSet<LocalDate> weeks : weeksOf.values()) {
      LocalDate first = weeks.first();
      newPerWeek.merge(first, 1L, Long::sum);
      for (LocalDate w : weeks) {
        cohorts
            .computeIfAbsent(first, f -> new TreeMap<>())
            .merge(ChronoUnit.WEEKS.between(first, w), 1L, Long::sum);
      }
    }
    List<String> expectedWeeks = new ArrayList<>();
    perWeek.forEach(
        (w, i) -> expectedWeeks.add(w + "|" + i.size() + "|" + newPerWeek.getOrDefault(w, 0L)));
    List<String> expectedMonths = new ArrayList<>();
    perMonth.forEach((m, i) -> expectedMonths.add(m + "|" + i.size()));
    List<String> expectedCohorts = new ArrayList<>();
    cohorts.forEach(
        (c, after) -> after.forEach((a, n) -> expectedCohorts.add(c + "|" + a + "|" + n)));

    assertThat(
            jdbc.query(
                "SELECT week_start, installations, new_installations FROM trend_week WHERE"
                    + " project_id = ? ORDER BY week_start",
                (rs, n) -> rs.getDate(1).toLocalDate() + "|" + rs.getLong(2) + "|" + rs.getLong(3),
                projectId))
        .as("installations and new installations per week")
        .containsExactlyElementsOf(expectedWeeks);
    assertThat(
            jdbc.query(
                "SELECT month_start, installations FROM trend_month WHERE project_id = ? ORDER BY"
                    + " month_start",
                (rs, n) -> rs.getDate(1).toLocalDate() + "|" + rs.getLong(2),
                projectId))
        .as("installations per month")
        .containsExactlyElementsOf(expectedMonths);
    assertThat(
            jdbc.query(
                "SELECT cohort_week, weeks_after, installations FROM trend_cohort WHERE"
                    + " project_id = ? ORDER BY cohort_week, weeks_after",
                (rs, n) -> rs.getDate(1).toLocalDate() + "|" + rs.getInt(2) + "|" + rs.getLong(3),
                projectId))
        .as("cohorts")
        .containsExactlyElementsOf(expectedCohorts);
    Long reports =
        jdbc.queryForObject(
            "SELECT COALESCE(SUM(reports), 0) FROM trend_week WHERE project_id = ?",
            Long.class,
            projectId);
    assertThat(reports).isEqualTo(seen.size());
  }
}
