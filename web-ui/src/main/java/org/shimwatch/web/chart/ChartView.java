package org.shimwatch.web.chart;

import java.util.List;

/**
 * A chart ready to draw: every coordinate is worked out here, in SVG user units of a {@code width}
 * by {@code height} view box, so the template only places what it is given. The data table is the
 * chart's text alternative and holds every number the chart shows.
 *
 * @param id unique on the page; the SVG's title and description are named after it
 * @param title what the chart shows, in a few words
 * @param description one or two sentences read out instead of the picture
 * @param width view box width
 * @param height view box height
 * @param plot the area inside the axes
 * @param xTicks marks along the bottom axis ({@link Tick#at} is an x coordinate)
 * @param yTicks marks along the left axis ({@link Tick#at} is a y coordinate)
 * @param xLabel the bottom axis' caption
 * @param yLabel the left axis' caption
 * @param bars rectangles, drawn first
 * @param lines polylines, drawn over the bars
 * @param dots points, drawn last
 * @param legend what each series' colour means; empty for a single series
 * @param table the same data as text
 */
public record ChartView(
    String id,
    String title,
    String description,
    int width,
    int height,
    Plot plot,
    List<Tick> xTicks,
    List<Tick> yTicks,
    String xLabel,
    String yLabel,
    List<Bar> bars,
    List<Line> lines,
    List<Dot> dots,
    List<LegendEntry> legend,
    DataTable table) {

  public ChartView {
    xTicks = List.copyOf(xTicks);
    yTicks = List.copyOf(yTicks);
    bars = List.copyOf(bars);
    lines = List.copyOf(lines);
    dots = List.copyOf(dots);
    legend = List.copyOf(legend);
  }

  /** Whether there is nothing to draw. */
  public boolean isEmpty() {
    return table.rows().isEmpty();
  }

  /** The view box attribute. */
  public String viewBox() {
    return "0 0 " + width + " " + height;
  }

  /** The id of the SVG's {@code <title>}. */
  public String titleId() {
    return id + "-title";
  }

  /** The id of the SVG's {@code <desc>}. */
  public String descId() {
    return id + "-desc";
  }

  /**
   * The area inside the axes, in view box units.
   *
   * @param left x of the left axis
   * @param top y of the top edge
   * @param right x of the right edge
   * @param bottom y of the bottom axis
   */
  public record Plot(double left, double top, double right, double bottom) {

    public double width() {
      return right - left;
    }

    public double height() {
      return bottom - top;
    }

    /** Where a y-axis caption goes: half-way down, left of the tick labels. */
    public double middleY() {
      return (top + bottom) / 2;
    }

    /** Where an x-axis caption goes: half-way along. */
    public double middleX() {
      return (left + right) / 2;
    }
  }

  /**
   * A mark on an axis.
   *
   * @param at the x (bottom axis) or y (left axis) coordinate
   * @param label the text under or beside it
   */
  public record Tick(double at, String label) {}

  /**
   * A rectangle.
   *
   * @param series which series it belongs to (0, 1, ...), for its colour
   * @param title what a pointer hovering over it shows, e.g. {@code 0.2.0: 87%}
   */
  public record Bar(double x, double y, double width, double height, int series, String title) {}

  /**
   * A polyline.
   *
   * @param points {@code x,y} pairs separated by spaces
   */
  public record Line(String points, int series, String title) {}

  /** A point of a line, drawn as a small circle. */
  public record Dot(double x, double y, int series, String title) {}

  /** A series' name next to its colour. */
  public record LegendEntry(int series, String label) {}

  /**
   * The chart's numbers as a table.
   *
   * @param headers column headers
   * @param rows cells, already formatted
   */
  public record DataTable(List<String> headers, List<List<String>> rows) {
    public DataTable {
      headers = List.copyOf(headers);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }
}
