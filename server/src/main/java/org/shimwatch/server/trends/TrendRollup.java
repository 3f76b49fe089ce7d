package org.shimwatch.server.trends;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Rollup;
import org.shimwatch.server.rollup.RollupBatches;
import org.shimwatch.server.trends.TrendTally.CohortKey;
import org.shimwatch.server.trends.TrendTally.MemberKey;
import org.shimwatch.server.trends.TrendTally.WeekShim;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the trend tables (weeks, weeks per shim version, months, cohorts) in the transactions that
 * store and delete reports, under the project's rollup lock like every rollup. Report counts are
 * added in place; distinct installations come from {@code trend_member}, one row per installation,
 * week, month and shim version: the one read is the member rows of the batch's installations.
 */
@Component
class TrendRollup implements Rollup {

  /** Installations per IN (...) lookup. */
  private static final int LOOKUP = 500;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final RollupBatches batches;

  TrendRollup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.batches = new RollupBatches(jdbc);
  }

  @Override
  public void apply(long projectId, List<RolledReport> reports, int sign) {
    TrendTally t = new TrendTally();
    Map<UUID, Map<MemberKey, Long>> batch = new LinkedHashMap<>();
    for (RolledReport r : reports) {
      t.report(r, sign);
      batch
          .computeIfAbsent(r.installationId(), i -> new LinkedHashMap<>())
          .merge(TrendTally.key(r), 1L, Long::sum);
    }
    Map<UUID, Map<MemberKey, Long>> before = members(projectId, batch.keySet());
    List<Object[]> bump = new ArrayList<>();
    List<Object[]> insert = new ArrayList<>();
    for (Map.Entry<UUID, Map<MemberKey, Long>> e : batch.entrySet()) {
      Map<MemberKey, Long> had = before.getOrDefault(e.getKey(), Map.of());
      if (sign < 0) {
        // A deletion takes whole installations: all they counted for goes.
        t.installation(had.keySet(), -1);
        continue;
      }
      Set<MemberKey> after = new LinkedHashSet<>(had.keySet());
      for (Map.Entry<MemberKey, Long> k : e.getValue().entrySet()) {
        Object[] keyArgs = memberKeyArgs(projectId, e.getKey(), k.getKey());
        if (had.containsKey(k.getKey())) {
          bump.add(prepend(k.getValue(), keyArgs));
        } else {
          insert.add(append(keyArgs, k.getValue()));
          after.add(k.getKey());
        }
      }
      if (after.size() != had.size()) {
        t.installation(had.keySet(), -1);
        t.installation(after, 1);
      }
    }
    if (sign < 0) {
      batches.run(
          "DELETE FROM trend_member WHERE installation_id = ? AND project_id = ?",
          batch.keySet().stream().map(i -> new Object[] {i, projectId}).toList());
    } else {
      batches.run(
          "UPDATE trend_member SET reports = reports + ? WHERE installation_id = ? AND project_id"
              + " = ? AND week_start = ? AND month_start = ? AND shim_version = ?",
          bump);
      batches.run(INSERT_MEMBER, insert);
    }
    write(projectId, t);
  }

  private static Object[] memberKeyArgs(long projectId, UUID installation, MemberKey k) {
    return new Object[] {
      installation, projectId, Date.valueOf(k.week()), Date.valueOf(k.month()), k.shimVersion()
    };
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static Object[] append(Object[] first, Object last) {
    Object[] all = java.util.Arrays.copyOf(first, first.length + 1);
    all[first.length] = last;
    return all;
  }

  private static final String INSERT_MEMBER =
      "INSERT INTO trend_member (installation_id, project_id, week_start, month_start,"
          + " shim_version, reports) VALUES (?, ?, ?, ?, ?, ?)";

  /** The member rows of these installations in the project, by installation. */
  private Map<UUID, Map<MemberKey, Long>> members(long projectId, Collection<UUID> installations) {
    Map<UUID, Map<MemberKey, Long>> out = new HashMap<>();
    List<UUID> list = new ArrayList<>(installations);
    for (int i = 0; i < list.size(); i += LOOKUP) {
      named.query(
          "SELECT installation_id, week_start, month_start, shim_version, reports FROM"
              + " trend_member WHERE project_id = :p AND installation_id IN (:i)",
          new MapSqlParameterSource("p", projectId)
              .addValue("i", list.subList(i, Math.min(list.size(), i + LOOKUP))),
          rs -> {
            out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                .put(
                    new MemberKey(
                        rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), rs.getString(4)),
                    rs.getLong(5));
          });
    }
    return out;
  }

  /**
   * Adds a tally's deltas to the tables: each touched row gets one update, the rows not there yet
   * one insert, and rows left without reports (or a cohort without installations) go.
   */
  private void write(long projectId, TrendTally t) {
    List<Map.Entry<java.time.LocalDate, long[]>> weeks = nonZero(t.weeks);
    int[] found =
        batches.run(
            "UPDATE trend_week SET reports = reports + ?, successes = successes + ?, failures ="
                + " failures + ?, installations = installations + ?, new_installations ="
                + " new_installations + ? WHERE project_id = ? AND week_start = ?",
            weeks.stream()
                .map(e -> counters(e.getValue(), projectId, Date.valueOf(e.getKey())))
                .toList());
    List<Object[]> newRows = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        Map.Entry<java.time.LocalDate, long[]> e = weeks.get(i);
        newRows.add(keyThenCounters(e.getValue(), projectId, Date.valueOf(e.getKey())));
      }
    }
    batches.run(
        "INSERT INTO trend_week (project_id, week_start, reports, successes, failures,"
            + " installations, new_installations) VALUES (?, ?, ?, ?, ?, ?, ?)",
        newRows);

    List<Map.Entry<WeekShim, long[]>> shims = nonZero(t.weekShims);
    found =
        batches.run(
            "UPDATE trend_week_shim SET reports = reports + ?, successes = successes + ?, failures"
                + " = failures + ?, installations = installations + ?, new_installations ="
                + " new_installations + ? WHERE project_id = ? AND week_start = ? AND shim_version"
                + " = ?",
            shims.stream()
                .map(
                    e ->
                        counters(
                            e.getValue(),
                            projectId,
                            Date.valueOf(e.getKey().week()),
                            e.getKey().shimVersion()))
                .toList());
    newRows = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        Map.Entry<WeekShim, long[]> e = shims.get(i);
        newRows.add(
            keyThenCounters(
                e.getValue(),
                projectId,
                Date.valueOf(e.getKey().week()),
                e.getKey().shimVersion()));
      }
    }
    batches.run(
        "INSERT INTO trend_week_shim (project_id, week_start, shim_version, reports, successes,"
            + " failures, installations, new_installations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        newRows);

    List<Map.Entry<java.time.LocalDate, long[]>> months = nonZero(t.months);
    found =
        batches.run(
            "UPDATE trend_month SET reports = reports + ?, installations = installations + ?,"
                + " new_installations = new_installations + ? WHERE project_id = ? AND"
                + " month_start = ?",
            months.stream()
                .map(e -> counters(e.getValue(), projectId, Date.valueOf(e.getKey())))
                .toList());
    newRows = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        Map.Entry<java.time.LocalDate, long[]> e = months.get(i);
        newRows.add(keyThenCounters(e.getValue(), projectId, Date.valueOf(e.getKey())));
      }
    }
    batches.run(
        "INSERT INTO trend_month (project_id, month_start, reports, installations,"
            + " new_installations) VALUES (?, ?, ?, ?, ?)",
        newRows);

    List<Map.Entry<CohortKey, long[]>> cohorts = nonZero(t.cohorts);
    found =
        batches.run(
            "UPDATE trend_cohort SET installations = installations + ? WHERE project_id = ? AND"
                + " cohort_week = ? AND weeks_after = ?",
            cohorts.stream()
                .map(
                    e ->
                        counters(
                            e.getValue(),
                            projectId,
                            Date.valueOf(e.getKey().cohortWeek()),
                            e.getKey().weeksAfter()))
                .toList());
    newRows = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        Map.Entry<CohortKey, long[]> e = cohorts.get(i);
        newRows.add(
            keyThenCounters(
                e.getValue(),
                projectId,
                Date.valueOf(e.getKey().cohortWeek()),
                e.getKey().weeksAfter()));
      }
    }
    batches.run(
        "INSERT INTO trend_cohort (project_id, cohort_week, weeks_after, installations) VALUES"
            + " (?, ?, ?, ?)",
        newRows);

    // Rows a change emptied: the tables then hold exactly what a rebuild would make.
    batches.run(
        "DELETE FROM trend_week WHERE project_id = ? AND week_start = ? AND reports <= 0",
        weeks.stream()
            .filter(e -> e.getValue()[TrendTally.REPORTS] < 0)
            .map(e -> new Object[] {projectId, Date.valueOf(e.getKey())})
            .toList());
    batches.run(
        "DELETE FROM trend_week_shim WHERE project_id = ? AND week_start = ? AND shim_version = ?"
            + " AND reports <= 0",
        shims.stream()
            .filter(e -> e.getValue()[TrendTally.REPORTS] < 0)
            .map(
                e ->
                    new Object[] {
                      projectId, Date.valueOf(e.getKey().week()), e.getKey().shimVersion()
                    })
            .toList());
    batches.run(
        "DELETE FROM trend_month WHERE project_id = ? AND month_start = ? AND reports <= 0",
        months.stream()
            .filter(e -> e.getValue()[TrendTally.MONTH_REPORTS] < 0)
            .map(e -> new Object[] {projectId, Date.valueOf(e.getKey())})
            .toList());
    batches.run(
        "DELETE FROM trend_cohort WHERE project_id = ? AND cohort_week = ? AND weeks_after = ?"
            + " AND installations <= 0",
        cohorts.stream()
            .filter(e -> e.getValue()[0] < 0)
            .map(
                e ->
                    new Object[] {
                      projectId, Date.valueOf(e.getKey().cohortWeek()), e.getKey().weeksAfter()
                    })
            .toList());
  }

  private static <K> List<Map.Entry<K, long[]>> nonZero(Map<K, long[]> m) {
    return m.entrySet().stream().filter(e -> !TrendTally.zero(e.getValue())).toList();
  }

  /** An update's arguments: the counters, then the key. */
  private static Object[] counters(long[] c, Object... key) {
    Object[] all = new Object[c.length + key.length];
    for (int i = 0; i < c.length; i++) {
      all[i] = c[i];
    }
    System.arraycopy(key, 0, all, c.length, key.length);
    return all;
  }

  /** An insert's arguments: the key, then the counters. */
  private static Object[] keyThenCounters(long[] c, Object... key) {
    Object[] all = new Object[c.length + key.length];
    System.arraycopy(key, 0, all, 0, key.length);
    for (int i = 0; i < c.length; i++) {
      all[key.length + i] = c[i];
    }
    return all;
  }

  @Override
  public Rebuild rebuild(long projectId) {
    TrendTally t = new TrendTally();
    Map<UUID, Map<MemberKey, Long>> members = new HashMap<>();
    return new Rebuild() {
      @Override
      public void add(RolledReport report) {
        t.report(report, 1);
        members
            .computeIfAbsent(report.installationId(), i -> new LinkedHashMap<>())
            .merge(TrendTally.key(report), 1L, Long::sum);
      }

      @Override
      public void replace() {
        for (String table :
            List.of(
                "trend_member", "trend_week", "trend_week_shim", "trend_month", "trend_cohort")) {
          jdbc.update("DELETE FROM " + table + " WHERE project_id = ?", projectId);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<UUID, Map<MemberKey, Long>> e : members.entrySet()) {
          t.installation(e.getValue().keySet(), 1);
          for (Map.Entry<MemberKey, Long> k : e.getValue().entrySet()) {
            rows.add(append(memberKeyArgs(projectId, e.getKey(), k.getKey()), k.getValue()));
          }
        }
        batches.run(INSERT_MEMBER, rows);
        write(projectId, t);
      }
    };
  }
}
