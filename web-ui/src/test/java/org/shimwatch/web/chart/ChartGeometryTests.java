package org.shimwatch.web.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinates the charts compute: scaling, empty data, one point, and huge counts. */
class ChartGeometryTests {

  private static final List<String> HEAD = List.of("Label", "Value", "Note");

  @Test
  void barsScaleToARoundTopAndStandOnTheBaseline() {
    ChartView c =
        BarChart.counts(
            "c",
            "t",
            "d",
            "x",
            "y",
            HEAD,
            List.of(new BarChart.Item("a", 35), new BarChart.Item("b", 70)));

    ChartView.Plot p = c.plot();
    // 70 rounds up to 80 with steps of 20 (about four parts).
    assertThat(c.yTicks())
        .extracting(ChartView.Tick::label)
        .containsExactly("0", "20", "40", "60", "80");
    assertThat(c.yTicks().get(0).at()).isEqualTo(p.bottom());
    assertThat(c.yTicks().get(c.yTicks().size() - 1).at()).isEqualTo(p.top());
    ChartView.Bar a = c.bars().get(0);
    ChartView.Bar b = c.bars().get(1);
    assertThat(a.y() + a.height()).isEqualTo(p.bottom());
    assertThat(b.y() + b.height()).isEqualTo(p.bottom());
    assertThat(b.height()).isCloseTo(a.height() * 2, org.assertj.core.data.Offset.offset(0.2));
    assertThat(b.height())
        .isCloseTo(p.height() * 70 / 80, org.assertj.core.data.Offset.offset(0.2));
    assertThat(a.x()).isGreaterThanOrEqualTo(p.left());
    assertThat(b.x() + b.width()).isLessThanOrEqualTo(p.right());
    assertThat(a.x() + a.width()).isLessThan(b.x());
    assertThat(c.table().rows()).containsExactly(List.of("a", "35"), List.of("b", "70"));
    assertThat(c.table().headers()).containsExactly("Label", "Value");
    assertThat(a.title()).isEqualTo("a: 35");
  }

  @Test
  void ratesUseAFixedHundredPercentAxisAndKeepNotes() {
    ChartView c =
        BarChart.rates(
            "r",
            "t",
            "d",
            "x",
            "y",
            HEAD,
            List.of(new BarChart.Item("0.1.0", 0.5, "5 of 10"), new BarChart.Item("0.2.0", 1.0)));

    assertThat(c.yTicks())
        .extracting(ChartView.Tick::label)
        .containsExactly("0%", "25%", "50%", "75%", "100%");
    assertThat(c.bars().get(1).y()).isEqualTo(c.plot().top());
    assertThat(c.bars().get(0).height())
        .isCloseTo(c.plot().height() / 2, org.assertj.core.data.Offset.offset(0.1));
    assertThat(c.table().rows())
        .containsExactly(List.of("0.1.0", "50%", "5 of 10"), List.of("0.2.0", "100%", ""));
    assertThat(c.table().headers()).hasSize(3);
  }

  @Test
  void emptyDataGivesAnEmptyChartWithSaneAxes() {
    ChartView bars = BarChart.counts("e", "t", "d", "x", "y", HEAD, List.of());
    ChartView line = TimeSeriesChart.daily("e2", "t", "d", "y", HEAD, List.of());
    ChartView hist = HistogramChart.of("e3", "t", "d", "Latency", List.of());
    ChartView cmp =
        ComparisonChart.of(
            "e4",
            "t",
            "d",
            "Latency",
            new ComparisonChart.Series("a", List.of()),
            new ComparisonChart.Series("b", List.of()));

    for (ChartView c : List.of(bars, line, hist, cmp)) {
      assertThat(c.isEmpty()).as(c.id()).isTrue();
      assertThat(c.bars()).isEmpty();
      assertThat(c.yTicks()).as(c.id()).isNotEmpty();
      for (ChartView.Tick t : c.yTicks()) {
        assertThat(t.at()).isBetween(c.plot().top(), c.plot().bottom());
      }
    }
    assertThat(bars.yTicks()).extracting(ChartView.Tick::label).containsExactly("0", "1");
    // An empty latency axis still spans 1 µs to 1 s.
    assertThat(hist.xTicks()).extracting(ChartView.Tick::label).contains("1 µs", "1 s");
  }

  @Test
  void histogramsOfOnlyZeroCountsAreEmpty() {
    ChartView c =
        HistogramChart.of("z", "t", "d", "Latency", List.of(new LatencyBin(1000, 1064, 0)));

    assertThat(c.isEmpty()).isTrue();
  }

  @Test
  void aSinglePointSitsInTheMiddleWithoutALine() {
    ChartView c =
        TimeSeriesChart.daily(
            "one",
            "t",
            "d",
            "y",
            HEAD,
            List.of(new TimeSeriesChart.Point(LocalDate.of(2026, 11, 20), 7)));

    assertThat(c.lines()).isEmpty();
    assertThat(c.dots()).hasSize(1);
    ChartView.Dot d = c.dots().get(0);
    assertThat(d.x()).isEqualTo(c.plot().middleX());
    assertThat(d.y()).isBetween(c.plot().top(), c.plot().bottom());
    assertThat(c.xTicks()).hasSize(1);
    assertThat(c.table().rows()).containsExactly(List.of("2026-11-20", "7"));
  }

  @Test
  void daysArePlacedByDateAndTheLineJoinsThemInOrder() {
    LocalDate d0 = LocalDate.of(2026, 11, 1);
    ChartView c =
        TimeSeriesChart.daily(
            "days",
            "t",
            "d",
            "y",
            HEAD,
            List.of(
                new TimeSeriesChart.Point(d0.plusDays(10), 5),
                new TimeSeriesChart.Point(d0, 0),
                new TimeSeriesChart.Point(d0.plusDays(1), 10)));

    List<ChartView.Dot> dots = c.dots();
    assertThat(dots.get(0).x()).isEqualTo(c.plot().left());
    assertThat(dots.get(2).x()).isEqualTo(c.plot().right());
    // Day 1 of a ten-day span is a tenth of the way along.
    assertThat(dots.get(1).x())
        .isCloseTo(
            c.plot().left() + c.plot().width() / 10, org.assertj.core.data.Offset.offset(0.1));
    assertThat(dots.get(0).y()).isEqualTo(c.plot().bottom());
    assertThat(c.lines()).hasSize(1);
    assertThat(c.lines().get(0).points().split(" ")).hasSize(3);
    assertThat(c.table().rows().get(0)).containsExactly("2026-11-01", "0");
  }

  @Test
  void hugeCountsStayInsideThePlot() {
    long huge = Long.MAX_VALUE / 2;
    ChartView bars =
        BarChart.counts(
            "h",
            "t",
            "d",
            "x",
            "y",
            HEAD,
            List.of(new BarChart.Item("a", huge), new BarChart.Item("b", 1)));
    ChartView hist =
        HistogramChart.of(
            "h2",
            "t",
            "d",
            "Latency",
            List.of(
                new LatencyBin(1_000, 1_064, huge),
                new LatencyBin(2_000, 2_128, huge),
                new LatencyBin(1L << 47, 1L << 48, 3)));
    ChartView cmp =
        ComparisonChart.of(
            "h3",
            "t",
            "d",
            "Latency",
            new ComparisonChart.Series("a", List.of(new LatencyBin(1_000, 1_064, Long.MAX_VALUE))),
            new ComparisonChart.Series(
                "b",
                List.of(
                    new LatencyBin(1_000, 1_064, Long.MAX_VALUE),
                    new LatencyBin(4_000, 4_256, Long.MAX_VALUE))));

    for (ChartView c : List.of(bars, hist, cmp)) {
      for (ChartView.Bar b : c.bars()) {
        assertThat(Double.isFinite(b.y()) && Double.isFinite(b.height())).isTrue();
        assertThat(b.y()).as(c.id()).isBetween(c.plot().top(), c.plot().bottom());
        assertThat(b.height()).as(c.id()).isBetween(0.0, c.plot().height());
        assertThat(b.x()).as(c.id()).isGreaterThanOrEqualTo(c.plot().left());
        assertThat(b.x() + b.width()).as(c.id()).isLessThanOrEqualTo(c.plot().right() + 0.1);
      }
      for (ChartView.Tick t : c.yTicks()) {
        assertThat(t.label()).as(c.id()).doesNotContainPattern("E[0-9]").hasSizeLessThan(8);
      }
    }
    assertThat(bars.yTicks().get(bars.yTicks().size() - 1).label()).endsWith("E");
    assertThat(cmp.table().rows().get(0))
        .containsExactly(
            "1 µs – 1.1 µs",
            "9,223,372,036,854,775,807",
            "100%",
            "9,223,372,036,854,775,807",
            "50%");
  }

  @Test
  void latencyBucketsArePlacedOnALogarithmicAxis() {
    List<LatencyBin> bins = new ArrayList<>();
    bins.add(new LatencyBin(1_000, 1_064, 10)); // 1 µs
    bins.add(new LatencyBin(1_000_000, 1_065_536, 30)); // 1 ms
    ChartView c = HistogramChart.of("l", "t", "d", "Latency", bins);

    // The axis runs from the decade of 1 µs to the decade above 1.07 ms: 1 µs .. 10 ms.
    assertThat(c.xTicks())
        .extracting(ChartView.Tick::label)
        .containsExactly("1 µs", "10 µs", "100 µs", "1 ms", "10 ms");
    double decade = c.plot().width() / 4;
    assertThat(c.bars().get(0).x())
        .isCloseTo(c.plot().left(), org.assertj.core.data.Offset.offset(0.1));
    assertThat(c.bars().get(1).x())
        .isCloseTo(c.plot().left() + 3 * decade, org.assertj.core.data.Offset.offset(0.2));
    assertThat(c.bars().get(1).height())
        .isCloseTo(
            c.plot().height() * 30 / 30.0 * 30 / 30, org.assertj.core.data.Offset.offset(0.2));
    assertThat(c.bars().get(0).height())
        .isCloseTo(c.bars().get(1).height() / 3, org.assertj.core.data.Offset.offset(0.2));
    assertThat(c.bars())
        .allSatisfy(b -> assertThat(b.width()).isGreaterThanOrEqualTo(LogAxis.MIN_BAR));
    assertThat(c.table().rows().get(1)).containsExactly("1 ms – 1.1 ms", "30", "75%");
  }

  @Test
  void aComparisonShowsEachSideAsAShareOfItsOwnCalls() {
    ChartView c =
        ComparisonChart.of(
            "cmp",
            "t",
            "d",
            "Latency",
            new ComparisonChart.Series("0.1.0", List.of(new LatencyBin(1_000, 1_064, 100))),
            new ComparisonChart.Series(
                "0.2.0",
                List.of(new LatencyBin(1_000, 1_064, 1), new LatencyBin(2_000, 2_128, 3))));

    assertThat(c.legend())
        .extracting(ChartView.LegendEntry::label)
        .containsExactly("0.1.0", "0.2.0");
    assertThat(c.bars()).extracting(ChartView.Bar::series).containsExactly(0, 1, 1);
    // 100% of side a and 25% of side b fall in the first bucket: a quarter of the height.
    assertThat(c.bars().get(0).y()).isEqualTo(c.plot().top());
    assertThat(c.bars().get(1).height())
        .isCloseTo(c.bars().get(0).height() / 4, org.assertj.core.data.Offset.offset(0.2));
    assertThat(c.table().rows())
        .containsExactly(
            List.of("1 µs – 1.1 µs", "100", "100%", "1", "25%"),
            List.of("2 µs – 2.1 µs", "0", "0%", "3", "75%"));
  }

  @Test
  void formatsAreShortAndReadable() {
    assertThat(Format.compact(0)).isEqualTo("0");
    assertThat(Format.compact(950)).isEqualTo("950");
    assertThat(Format.compact(12_345)).isEqualTo("12k");
    assertThat(Format.compact(3_400_000)).isEqualTo("3.4M");
    assertThat(Format.compact(2.5)).isEqualTo("2.5");
    assertThat(Format.nanos(360)).isEqualTo("360 ns");
    assertThat(Format.nanos(5_900_000)).isEqualTo("5.9 ms");
    assertThat(Format.nanos(2_400_118_311L)).isEqualTo("2.4 s");
    assertThat(Format.nanos(1e9 * 3600 * 5)).isEqualTo("5 h");
    assertThat(Format.percent(0.874)).isEqualTo("87%");
    assertThat(Format.percent(0.045)).isEqualTo("4.5%");
    assertThat(Format.count(1_234_567)).isEqualTo("1,234,567");
  }
}
