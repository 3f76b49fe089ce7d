package org.shimwatch.web.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A latency histogram: one bar per log bucket, placed on a logarithmic time axis, as tall as the
 * bucket's count.
 */
public final class HistogramChart {

  private HistogramChart() {}

  /**
   * The chart of these buckets; empty buckets may be left out.
   *
   * @param what the table's header for the values, e.g. "Latency"
   */
  public static ChartView of(
      String id, String title, String description, String what, List<LatencyBin> bins) {
    List<LatencyBin> sorted = new ArrayList<>();
    for (LatencyBin b : bins) {
      if (b.count() > 0) {
        sorted.add(b);
      }
    }
    sorted.sort(Comparator.comparingLong(LatencyBin::lowerNs));
    ChartView.Plot plot =
        new ChartView.Plot(BarChart.LEFT, BarChart.TOP, BarChart.RIGHT, BarChart.BOTTOM);
    LogAxis axis = new LogAxis(plot, sorted);
    long max = 0;
    double total = 0;
    for (LatencyBin b : sorted) {
      max = Math.max(max, b.count());
      total += b.count();
    }
    List<Double> tickValues = Scale.ticks(max, 4, true);
    double top = tickValues.get(tickValues.size() - 1);
    List<ChartView.Tick> yTicks = new ArrayList<>();
    for (double t : tickValues) {
      yTicks.add(new ChartView.Tick(Scale.round(BarChart.y(plot, t, top)), Format.compact(t)));
    }
    List<ChartView.Bar> bars = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (LatencyBin b : sorted) {
      double[] span = axis.span(b);
      double y = BarChart.y(plot, b.count(), top);
      String range = LogAxis.range(b);
      String count = Format.count(b.count());
      bars.add(
          new ChartView.Bar(
              span[0],
              Scale.round(y),
              span[1],
              Scale.round(plot.bottom() - y),
              0,
              range + ": " + count + " calls"));
      rows.add(List.of(range, count, Format.percent(total == 0 ? 0 : b.count() / total)));
    }
    return new ChartView(
        id,
        title,
        description,
        BarChart.WIDTH,
        BarChart.HEIGHT,
        plot,
        axis.ticks(),
        yTicks,
        what + " (log scale)",
        "Calls",
        bars,
        List.of(),
        List.of(),
        List.of(),
        new ChartView.DataTable(List.of(what, "Calls", "Share"), rows));
  }
}
