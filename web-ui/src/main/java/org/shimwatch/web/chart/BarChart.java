package org.shimwatch.web.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** Vertical bars, one per category, from zero up. */
public final class BarChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 260;
  static final double LEFT = 56;
  static final double RIGHT = WIDTH - 24;
  static final double TOP = 14;
  static final double BOTTOM = HEIGHT - 46;

  /** Axis labels longer than this are cut; the table shows them whole. */
  static final int MAX_LABEL = 12;

  /** At most this many category labels on the axis; the others are left to the table. */
  static final int MAX_X_LABELS = 10;

  private BarChart() {}

  /**
   * One bar.
   *
   * @param label the category
   * @param value its height, zero or more
   * @param note an extra table cell, e.g. the counts behind a rate; may be {@code null}
   */
  public record Item(String label, double value, String note) {
    public Item(String label, double value) {
      this(label, value, null);
    }
  }

  /**
   * The chart of counts: a y axis from zero to a round number at or above the largest.
   *
   * @param headers the table's headers: category, value, and a third for notes if any item has one
   */
  public static ChartView counts(
      String id,
      String title,
      String description,
      String xLabel,
      String yLabel,
      List<String> headers,
      List<Item> items) {
    double max = 0;
    for (Item i : items) {
      max = Math.max(max, i.value());
    }
    List<Double> ticks = Scale.ticks(max, 4, true);
    return build(
        id,
        title,
        description,
        xLabel,
        yLabel,
        headers,
        items,
        ticks,
        Format::compact,
        v -> Format.count(Math.round(v)));
  }

  /** The chart of fractions from 0 to 1, drawn on a 0 to 100% axis. */
  public static ChartView rates(
      String id,
      String title,
      String description,
      String xLabel,
      String yLabel,
      List<String> headers,
      List<Item> items) {
    return build(
        id,
        title,
        description,
        xLabel,
        yLabel,
        headers,
        items,
        List.of(0.0, 0.25, 0.5, 0.75, 1.0),
        Format::percent,
        Format::percent);
  }

  private static ChartView build(
      String id,
      String title,
      String description,
      String xLabel,
      String yLabel,
      List<String> headers,
      List<Item> items,
      List<Double> tickValues,
      DoubleFunction<String> tickFormat,
      DoubleFunction<String> valueFormat) {
    ChartView.Plot plot = new ChartView.Plot(LEFT, TOP, RIGHT, BOTTOM);
    double top = tickValues.get(tickValues.size() - 1);
    List<ChartView.Tick> yTicks = new ArrayList<>();
    for (double t : tickValues) {
      yTicks.add(new ChartView.Tick(Scale.round(y(plot, t, top)), tickFormat.apply(t)));
    }
    int n = items.size();
    double slot = n == 0 ? plot.width() : plot.width() / n;
    double barWidth = Math.max(1, slot * 0.7);
    int every = Math.max(1, (int) Math.ceil(n / (double) MAX_X_LABELS));
    List<ChartView.Bar> bars = new ArrayList<>();
    List<ChartView.Tick> xTicks = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    boolean notes = items.stream().anyMatch(i -> i.note() != null);
    for (int i = 0; i < n; i++) {
      Item item = items.get(i);
      double value = Math.max(0, item.value());
      double x = plot.left() + slot * i + (slot - barWidth) / 2;
      double y = y(plot, Math.min(value, top), top);
      String shown = valueFormat.apply(value);
      bars.add(
          new ChartView.Bar(
              Scale.round(x),
              Scale.round(y),
              Scale.round(barWidth),
              Scale.round(plot.bottom() - y),
              0,
              item.label() + ": " + shown));
      if (i % every == 0) {
        xTicks.add(new ChartView.Tick(Scale.round(x + barWidth / 2), cut(item.label())));
      }
      List<String> row = new ArrayList<>(List.of(item.label(), shown));
      if (notes) {
        row.add(item.note() == null ? "" : item.note());
      }
      rows.add(row);
    }
    List<String> head = headers.subList(0, Math.min(headers.size(), notes ? 3 : 2));
    return new ChartView(
        id,
        title,
        description,
        WIDTH,
        HEIGHT,
        plot,
        xTicks,
        yTicks,
        xLabel,
        yLabel,
        bars,
        List.of(),
        List.of(),
        List.of(),
        new ChartView.DataTable(head, rows));
  }

  /** The y coordinate of a value on an axis from 0 (bottom) to {@code top}. */
  static double y(ChartView.Plot plot, double value, double top) {
    double f = top <= 0 ? 0 : value / top;
    f = Math.max(0, Math.min(1, f));
    return plot.bottom() - f * plot.height();
  }

  static String cut(String label) {
    if (label == null) {
      return "";
    }
    return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
  }
}
