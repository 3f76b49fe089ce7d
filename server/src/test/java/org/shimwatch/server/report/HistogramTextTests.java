package org.shimwatch.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Histogram;
import org.shimwatch.report.LogBuckets;

class HistogramTextTests {

  @Test
  void writesBucketsInIndexOrderAndReadsThemBack() {
    Histogram h = Histogram.of(20_000, 20_500, 150_000, 3_000_000_000L);

    String text = HistogramText.format(h);

    assertThat(text).matches("(\\d+:\\d+)(,\\d+:\\d+)*");
    assertThat(HistogramText.parse(text)).isEqualTo(h.buckets());
    assertThat(HistogramText.format(Histogram.empty())).isEmpty();
    assertThat(HistogramText.parse("")).isEmpty();
  }

  @Test
  void addingThenSubtractingGivesTheSameTextAsNeverAdding() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 200; round++) {
      TreeMap<Integer, Long> base = randomBuckets(random);
      TreeMap<Integer, Long> delta = randomBuckets(random);
      TreeMap<Integer, Long> sum = new TreeMap<>(base);

      assertThat(HistogramText.add(sum, delta, 1)).isTrue();
      assertThat(HistogramText.add(sum, delta, -1)).isTrue();

      assertThat(HistogramText.format(sum)).isEqualTo(HistogramText.format(base));
    }
  }

  @Test
  void aSubtractionBelowZeroStopsAtZeroAndSaysSo() {
    TreeMap<Integer, Long> into = new TreeMap<>(Map.of(100, 2L));

    boolean exact = HistogramText.add(into, Map.of(100, 3L), -1);

    assertThat(exact).isFalse();
    assertThat(into).isEmpty();
  }

  @Test
  void refusesTextThatIsNotAHistogram() {
    assertThatThrownBy(() -> HistogramText.parse("12"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistogramText.parse("9999:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsSumTextsToTheSameTextAsTheBucketMaps() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 200; round++) {
      TreeMap<Integer, Long> a = randomBuckets(random);
      TreeMap<Integer, Long> b = randomBuckets(random);
      TreeMap<Integer, Long> sum = new TreeMap<>(a);
      HistogramText.add(sum, b, 1);

      long[] counts = HistogramText.counts();
      assertThat(HistogramText.addTo(counts, HistogramText.format(a), 1)).isTrue();
      long[] other = HistogramText.counts();
      assertThat(HistogramText.addTo(other, HistogramText.format(b), 1)).isTrue();
      assertThat(HistogramText.addTo(counts, other, 1)).isTrue();

      assertThat(HistogramText.format(counts)).isEqualTo(HistogramText.format(sum));
      assertThat(HistogramText.addTo(counts, other, -1)).isTrue();
      assertThat(HistogramText.format(counts)).isEqualTo(HistogramText.format(a));
    }
  }

  @Test
  void countsStopAtZeroAndSaySo() {
    long[] counts = HistogramText.counts();
    HistogramText.addTo(counts, "100:2,101:1", 1);

    assertThat(HistogramText.addTo(counts, "100:3", -1)).isFalse();
    assertThat(HistogramText.format(counts)).isEqualTo("101:1");
    long[] more = HistogramText.counts();
    more[101] = 5;
    assertThat(HistogramText.addTo(counts, more, -1)).isFalse();
    assertThat(HistogramText.format(counts)).isEmpty();
  }

  @Test
  void countsRefuseTextThatIsNotAHistogram() {
    long[] counts = HistogramText.counts();
    assertThatThrownBy(() -> HistogramText.addTo(counts, "12", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistogramText.addTo(counts, "720:1", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistogramText.addTo(counts, "-1:1", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistogramText.addTo(counts, "1:x", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static TreeMap<Integer, Long> randomBuckets(SplittableRandom random) {
    TreeMap<Integer, Long> b = new TreeMap<>();
    int n = random.nextInt(20);
    for (int i = 0; i < n; i++) {
      b.merge(random.nextInt(LogBuckets.MAX_INDEX + 1), 1L + random.nextInt(1000), Long::sum);
    }
    return b;
  }
}
