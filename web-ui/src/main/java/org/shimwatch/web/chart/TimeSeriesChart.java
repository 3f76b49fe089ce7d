package org.shimwatch.web.chart;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A count per day as a line with a dot on each day. */
public final class TimeSeriesChart {

  static final int MAX_X_LABELS = 6;

  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

  private TimeSeriesChart() {}

  /** One day's value. */
  public record Point(LocalDate day, long value) {}

  /**
   * The chart of the given days, placed by date: a missing day leaves a gap in the spacing, not in
   * the line.
   */
  public static ChartView daily(
      String id,
      String title,
      String description,
      String yLabel,
      List<String> headers,
      List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparing(Point::day));
    ChartView.Plot plot =
        new ChartView.Plot(BarChart.LEFT, BarChart.TOP, BarChart.RIGHT, BarChart.BOTTOM);
    long max = 0;
    for (Point p : sorted) {
      max = Math.max(max, p.value());
    }
    List<Double> tickValues = Scale.ticks(max, 4, true);
    double top = tickValues.get(tickValues.size() - 1);
    List<ChartView.Tick> yTicks = new ArrayList<>();
    for (double t : tickValues) {
      yTicks.add(new ChartView.Tick(Scale.round(BarChart.y(plot, t, top)), Format.compact(t)));
    }
    List<ChartView.Tick> xTicks = new ArrayList<>();
    List<ChartView.Dot> dots = new ArrayList<>();
    List<ChartView.Line> lines = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    if (!sorted.isEmpty()) {
      LocalDate first = sorted.get(0).day();
      long span = ChronoUnit.DAYS.between(first, sorted.get(sorted.size() - 1).day());
      StringBuilder path = new StringBuilder();
      for (Point p : sorted) {
        long offset = ChronoUnit.DAYS.between(first, p.day());
        double x =
            Scale.round(
                span == 0 ? plot.middleX() : plot.left() + plot.width() * offset / (double) span);
        double y = Scale.round(BarChart.y(plot, Math.max(0, p.value()), top));
        if (path.length() > 0) {
          path.append(' ');
        }
        path.append(x).append(',').append(y);
        String count = Format.count(p.value());
        dots.add(new ChartView.Dot(x, y, 0, p.day() + ": " + count));
        rows.add(List.of(p.day().toString(), count));
      }
      if (sorted.size() > 1) {
        lines.add(new ChartView.Line(path.toString(), 0, title));
      }
      long every = Math.max(1, (long) Math.ceil((span + 1) / (double) MAX_X_LABELS));
      for (long d = 0; d <= span; d += every) {
        double x = span == 0 ? plot.middleX() : plot.left() + plot.width() * d / (double) span;
        xTicks.add(new ChartView.Tick(Scale.round(x), first.plusDays(d).format(SHORT)));
      }
    }
    return new ChartView(
        id,
        title,
        description,
        BarChart.WIDTH,
        BarChart.HEIGHT,
        plot,
        xTicks,
        yTicks,
        "",
        yLabel,
        List.of(),
        lines,
        dots,
        List.of(),
        new ChartView.DataTable(headers, rows));
  }
}
