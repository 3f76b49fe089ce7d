package org.shimwatch.web.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two latency distributions over one logarithmic time axis. Each side's bars show its share of its
 * own calls, so sides with very different call counts compare by shape; the two series overlap with
 * see-through colours.
 */
public final class ComparisonChart {

  private ComparisonChart() {}

  /** One side: its name and buckets. */
  public record Series(String label, List<LatencyBin> bins) {
    public Series {
      bins = List.copyOf(bins);
    }
  }

  public static ChartView of(
      String id, String title, String description, String what, Series a, Series b) {
    List<LatencyBin> all = new ArrayList<>();
    double totalA = total(a, all);
    double totalB = total(b, all);
    ChartView.Plot plot =
        new ChartView.Plot(BarChart.LEFT, BarChart.TOP, BarChart.RIGHT, BarChart.BOTTOM);
    LogAxis axis = new LogAxis(plot, all);
    double maxShare = 0;
    for (LatencyBin bin : a.bins()) {
      maxShare = Math.max(maxShare, share(bin.count(), totalA));
    }
    for (LatencyBin bin : b.bins()) {
      maxShare = Math.max(maxShare, share(bin.count(), totalB));
    }
    // Shares in percent get round ticks; the axis never goes past 100%.
    List<Double> tickValues = Scale.ticks(maxShare * 100, 4, false);
    double top = Math.min(100, tickValues.get(tickValues.size() - 1));
    List<ChartView.Tick> yTicks = new ArrayList<>();
    for (double t : tickValues) {
      if (t <= top) {
        yTicks.add(
            new ChartView.Tick(Scale.round(BarChart.y(plot, t, top)), Format.percent(t / 100)));
      }
    }
    List<ChartView.Bar> bars = new ArrayList<>();
    Map<Long, long[]> byLower = new TreeMap<>();
    Map<Long, Long> upper = new TreeMap<>();
    int series = 0;
    for (Series s : List.of(a, b)) {
      double total = series == 0 ? totalA : totalB;
      for (LatencyBin bin : s.bins()) {
        if (bin.count() <= 0) {
          continue;
        }
        double pct = share(bin.count(), total) * 100;
        double[] span = axis.span(bin);
        double y = BarChart.y(plot, pct, top);
        bars.add(
            new ChartView.Bar(
                span[0],
                Scale.round(y),
                span[1],
                Scale.round(plot.bottom() - y),
                series,
                s.label() + ", " + LogAxis.range(bin) + ": " + Format.percent(pct / 100)));
        byLower.computeIfAbsent(bin.lowerNs(), k -> new long[2])[series] += bin.count();
        upper.merge(bin.lowerNs(), bin.upperNs(), Math::max);
      }
      series++;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<Long, long[]> e : byLower.entrySet()) {
      long[] c = e.getValue();
      LatencyBin range = new LatencyBin(e.getKey(), upper.get(e.getKey()), 0);
      rows.add(
          List.of(
              LogAxis.range(range),
              Format.count(c[0]),
              Format.percent(share(c[0], totalA)),
              Format.count(c[1]),
              Format.percent(share(c[1], totalB))));
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
        "Share of calls",
        bars,
        List.of(),
        List.of(),
        List.of(new ChartView.LegendEntry(0, a.label()), new ChartView.LegendEntry(1, b.label())),
        new ChartView.DataTable(
            List.of(
                what,
                a.label() + " calls",
                a.label() + " share",
                b.label() + " calls",
                b.label() + " share"),
            rows));
  }

  /** Summed as a double: huge counts may not fit a long when added. */
  private static double total(Series s, List<LatencyBin> all) {
    double t = 0;
    for (LatencyBin bin : s.bins()) {
      if (bin.count() > 0) {
        t += bin.count();
        all.add(bin);
      }
    }
    return t;
  }

  private static double share(long count, double total) {
    return total == 0 ? 0 : count / (double) total;
  }
}
