package org.shimwatch.web.trends;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.shimwatch.web.chart.BarChart;
import org.shimwatch.web.chart.ChartView;
import org.shimwatch.web.chart.Format;

/** The trends as the pages show them: charts with their data tables, and plain tables. */
public final class TrendViews {

  /** Weeks of the success-by-shim-version table: the newest ones. */
  public static final int SHIM_WEEKS = 8;

  /** Weeks after the first at which the retention table says how many still report. */
  public static final List<Integer> RETENTION_WEEKS = List.of(1, 2, 4, 8, 12);

  /** Cohorts in the retention table: the newest ones. */
  public static final int COHORTS = 12;

  private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMM yyyy", Locale.ROOT);

  private TrendViews() {}

  /** A table: its column headers and rows of text. */
  public record Table(List<String> headers, List<List<String>> rows) {

    public Table {
      headers = List.copyOf(headers);
      rows = rows.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
      return rows.isEmpty();
    }
  }

  /** The public page's chart: installations per month, with reports in its table. */
  public static ChartView months(List<MonthActivity> months) {
    List<BarChart.Item> items = new ArrayList<>();
    long reports = 0;
    long installations = 0;
    for (MonthActivity m : months) {
      items.add(
          new BarChart.Item(
              m.month().format(MONTH),
              m.installations(),
              Format.count(m.reports()) + (m.reports() == 1 ? " report" : " reports")));
      reports += m.reports();
      installations = Math.max(installations, m.installations());
    }
    String description =
        months.isEmpty()
            ? "No months to show."
            : "Installations that sent a report each month from "
                + months.get(0).month().format(MONTH)
                + " to "
                + months.get(months.size() - 1).month().format(MONTH)
                + " (at most "
                + Format.count(installations)
                + " in a month), with "
                + Format.count(reports)
                + " reports in all.";
    boolean any = reports > 0;
    return BarChart.counts(
        "activity-per-month",
        "Installations and reports per month",
        description,
        "Month",
        "Installations",
        List.of("Month", "Installations", "Reports"),
        any ? items : List.of());
  }

  /** The overview's chart: installations reporting each week, with new ones and reports. */
  public static ChartView installationsPerWeek(Adoption a) {
    List<BarChart.Item> items = new ArrayList<>();
    long reports = 0;
    long fresh = 0;
    for (Adoption.Week w : a.weeks()) {
      items.add(
          new BarChart.Item(
              w.week().format(WEEK),
              w.installations(),
              Format.count(w.newInstallations())
                  + " new, "
                  + Format.count(w.reports())
                  + " reports"));
      reports += w.reports();
      fresh += w.newInstallations();
    }
    String description =
        a.weeks().isEmpty()
            ? "No weeks to show."
            : "Installations that sent a report each week (weeks from Monday, UTC) from "
                + a.weeks().get(0).week()
                + ": "
                + Format.count(fresh)
                + " new installations and "
                + Format.count(reports)
                + " reports in these weeks.";
    return BarChart.counts(
        "installations-per-week",
        "Installations reporting per week, last " + TrendQuery.WEEKS + " weeks",
        description,
        "Week from",
        "Installations",
        List.of("Week from", "Installations", "New, reports"),
        reports > 0 ? items : List.of());
  }

  /**
   * Success rate per shim version over the newest {@link #SHIM_WEEKS} weeks: a row per shim
   * version, a column per week, each cell the rate and how many reports it rests on.
   */
  public static Table successByShim(Adoption a) {
    List<LocalDate> weeks = new ArrayList<>();
    List<Adoption.Week> all = a.weeks();
    for (int i = Math.max(0, all.size() - SHIM_WEEKS); i < all.size(); i++) {
      weeks.add(all.get(i).week());
    }
    Set<LocalDate> shown = new LinkedHashSet<>(weeks);
    Map<String, Map<LocalDate, Adoption.ShimWeek>> byShim = new LinkedHashMap<>();
    for (Adoption.ShimWeek s : a.shimWeeks()) {
      if (shown.contains(s.week())) {
        byShim.computeIfAbsent(s.shimVersion(), k -> new LinkedHashMap<>()).put(s.week(), s);
      }
    }
    List<String> headers = new ArrayList<>();
    headers.add("Shim version");
    weeks.forEach(w -> headers.add(w.format(WEEK)));
    List<List<String>> rows = new ArrayList<>();
    // Newest shim versions first: the shim weeks come in version order within each week.
    List<String> versions = new ArrayList<>(byShim.keySet());
    versions.sort(org.shimwatch.web.trends.TrendViews::compareVersionsDescending);
    for (String v : versions) {
      List<String> row = new ArrayList<>();
      row.add(v.isEmpty() ? "unknown" : v);
      Map<LocalDate, Adoption.ShimWeek> cells = byShim.get(v);
      for (LocalDate w : weeks) {
        Adoption.ShimWeek s = cells.get(w);
        if (s == null) {
          row.add("");
        } else if (s.successRate() == null) {
          row.add("no verdict (" + Format.count(s.reports()) + ")");
        } else {
          row.add(
              Format.percent(s.successRate())
                  + " of "
                  + Format.count(s.successes() + s.failures()));
        }
      }
      rows.add(row);
    }
    return new Table(headers, rows);
  }

  /**
   * How long installations keep reporting: per week of first report (newest {@link #COHORTS}), how
   * many there were and the share that reported again 1, 2, 4, 8 and 12 weeks later.
   */
  public static Table retention(Adoption a) {
    List<String> headers = new ArrayList<>();
    headers.add("First report in week of");
    headers.add("Installations");
    for (int n : RETENTION_WEEKS) {
      headers.add(n == 1 ? "1 week later" : n + " weeks later");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Adoption.Cohort c : a.cohorts().subList(0, Math.min(COHORTS, a.cohorts().size()))) {
      List<String> row = new ArrayList<>();
      row.add(c.week().toString());
      row.add(Format.count(c.installations()));
      for (int n : RETENTION_WEEKS) {
        Double share = c.retained(n);
        row.add(
            share == null
                ? "\u2013"
                : Format.percent(share) + " (" + Format.count(c.stillReporting().get(n)) + ")");
      }
      rows.add(row);
    }
    return new Table(headers, rows);
  }

  /** Newer versions first; the unknown version ({@code ""}) last. */
  static int compareVersionsDescending(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    String[] x = a.split("[.\\-+~_:]");
    String[] y = b.split("[.\\-+~_:]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c;
      if (x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")) {
        c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return -c;
      }
    }
    return -Integer.compare(x.length, y.length);
  }
}
