package org.shimwatch.server.trends;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.shimwatch.server.rollup.RolledReport;

/**
 * What reports add to (or take from) the trend tables. Report counts add up; distinct installations
 * do not, so each installation's contribution is worked out from the set of weeks, months and shim
 * versions it reported in ({@link #installation}): a batch takes an installation's contribution
 * from before it out and puts the one from after it in, which stays exact when a report arrives
 * late (an earlier first week moves the installation to another cohort) and when an installation is
 * deleted.
 */
final class TrendTally {

  /** Where one report is counted: its week and month (UTC) and shim version. */
  record MemberKey(LocalDate week, LocalDate month, String shimVersion) {}

  /** A week and shim version. */
  record WeekShim(LocalDate week, String shimVersion) {}

  /** A cohort (first week) and how many weeks after it. */
  record CohortKey(LocalDate cohortWeek, int weeksAfter) {}

  /** Counters of a week or a week and shim version: see {@link #REPORTS} and the others. */
  static final int REPORTS = 0;

  static final int SUCCESSES = 1;
  static final int FAILURES = 2;
  static final int INSTALLATIONS = 3;
  static final int NEW_INSTALLATIONS = 4;

  /** Counters of a month: reports, installations, new installations. */
  static final int MONTH_REPORTS = 0;

  static final int MONTH_INSTALLATIONS = 1;
  static final int MONTH_NEW = 2;

  final Map<LocalDate, long[]> weeks = new LinkedHashMap<>();
  final Map<WeekShim, long[]> weekShims = new LinkedHashMap<>();
  final Map<LocalDate, long[]> months = new LinkedHashMap<>();
  final Map<CohortKey, long[]> cohorts = new LinkedHashMap<>();

  /** The Monday (UTC) of the week of this instant. */
  static LocalDate week(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The first day (UTC) of the month of this instant. */
  static LocalDate month(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC).withDayOfMonth(1);
  }

  /** Where a report is counted. */
  static MemberKey key(RolledReport r) {
    Instant at = r.seenAt();
    return new MemberKey(week(at), month(at), RolledReport.nz(r.shimVersion()));
  }

  /**
   * A success: the client worked, or an {@code unknown} outcome with telemetry of a healthy run,
   * through an active shim (as the matrix counts it).
   */
  static boolean success(RolledReport r) {
    if (!r.shimActive()) {
      return false;
    }
    return switch (r.outcome()) {
      case "works" -> true;
      case "select-problem", "traps", "other" -> false;
      default -> r.healthy();
    };
  }

  /** A failure: a select() problem, a trap or another failure, through an active shim. */
  static boolean failure(RolledReport r) {
    return r.shimActive()
        && switch (r.outcome()) {
          case "select-problem", "traps", "other" -> true;
          default -> false;
        };
  }

  /** Adds ({@code sign} 1) or takes away (-1) one report's counts, not its installation's. */
  void report(RolledReport r, int sign) {
    MemberKey k = key(r);
    long s = success(r) ? sign : 0;
    long f = failure(r) ? sign : 0;
    long[] w = weeks.computeIfAbsent(k.week(), x -> new long[5]);
    w[REPORTS] += sign;
    w[SUCCESSES] += s;
    w[FAILURES] += f;
    long[] ws =
        weekShims.computeIfAbsent(new WeekShim(k.week(), k.shimVersion()), x -> new long[5]);
    ws[REPORTS] += sign;
    ws[SUCCESSES] += s;
    ws[FAILURES] += f;
    months.computeIfAbsent(k.month(), x -> new long[3])[MONTH_REPORTS] += sign;
  }

  /**
   * Adds ({@code sign} 1) or takes away (-1) what one installation that reported at these keys
   * counts for: once in each week, week and shim version, and month it reported in; as new in its
   * first week (under each shim version it used then) and month; and in its cohort for each week it
   * reported in.
   */
  void installation(Collection<MemberKey> keys, int sign) {
    if (keys.isEmpty()) {
      return;
    }
    LocalDate first = null;
    LocalDate firstMonth = null;
    for (MemberKey k : keys) {
      first = first == null || k.week().isBefore(first) ? k.week() : first;
      firstMonth = firstMonth == null || k.month().isBefore(firstMonth) ? k.month() : firstMonth;
    }
    Set<LocalDate> seenWeeks = new HashSet<>();
    Set<WeekShim> seenWeekShims = new HashSet<>();
    Set<LocalDate> seenMonths = new HashSet<>();
    for (MemberKey k : keys) {
      if (seenWeeks.add(k.week())) {
        long[] w = weeks.computeIfAbsent(k.week(), x -> new long[5]);
        w[INSTALLATIONS] += sign;
        if (k.week().equals(first)) {
          w[NEW_INSTALLATIONS] += sign;
        }
        int after = (int) ChronoUnit.WEEKS.between(first, k.week());
        cohorts.computeIfAbsent(new CohortKey(first, after), x -> new long[1])[0] += sign;
      }
      WeekShim ws = new WeekShim(k.week(), k.shimVersion());
      if (seenWeekShims.add(ws)) {
        long[] c = weekShims.computeIfAbsent(ws, x -> new long[5]);
        c[INSTALLATIONS] += sign;
        if (k.week().equals(first)) {
          c[NEW_INSTALLATIONS] += sign;
        }
      }
      if (seenMonths.add(k.month())) {
        long[] m = months.computeIfAbsent(k.month(), x -> new long[3]);
        m[MONTH_INSTALLATIONS] += sign;
        if (k.month().equals(firstMonth)) {
          m[MONTH_NEW] += sign;
        }
      }
    }
  }

  /** Whether every counter is zero: nothing to write. */
  static boolean zero(long[] counters) {
    for (long c : counters) {
      if (c != 0) {
        return false;
      }
    }
    return true;
  }
}
