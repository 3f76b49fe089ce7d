package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistogramTests {

  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  @Test
  void mergingAddsCountsOfEqualBuckets() {
    Histogram a = Histogram.of(100, 100, 5_000);
    Histogram b = Histogram.of(100, 1_000_000);

    Histogram m = a.merge(b);

    assertThat(m.buckets().get(LogBuckets.indexOf(100))).isEqualTo(3);
    assertThat(m.totalCount()).isEqualTo(5);
    assertThat(m.maxNs()).isEqualTo(1_000_000);
  }

  @Test
  void mergeIsCommutativeAssociativeAndEqualsRecordingEverythingAtOnce() {
    for (int round = 0; round < 200; round++) {
      long[] x = randomValues();
      long[] y = randomValues();
      long[] z = randomValues();
      Histogram hx = Histogram.of(x);
      Histogram hy = Histogram.of(y);
      Histogram hz = Histogram.of(z);

      assertThat(hx.merge(hy)).isEqualTo(hy.merge(hx));
      assertThat(hx.merge(hy).merge(hz)).isEqualTo(hx.merge(hy.merge(hz)));
      long[] all = concat(x, y, z);
      assertThat(hx.merge(hy).merge(hz)).isEqualTo(Histogram.of(all));
    }
  }

  @Test
  void quantilesAreWithinTheBucketError() {
    long[] values = new long[10_001];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1_000 + 100L * i;
    }
    Histogram h = Histogram.of(values);
    long[] sorted = values.clone();
    Arrays.sort(sorted);

    for (double q : new double[] {0.5, 0.9, 0.99}) {
      long exact = sorted[(int) Math.ceil(q * sorted.length) - 1];
      assertThat((double) h.valueAtQuantile(q))
          .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(3.2));
    }
    assertThat(h.valueAtQuantile(1.0)).isLessThanOrEqualTo(h.maxNs());
  }

  @Test
  void emptyHistogramHasNoValues() {
    assertThat(Histogram.empty().totalCount()).isZero();
    assertThat(Histogram.empty().valueAtQuantile(0.99)).isZero();
  }

  @Test
  void badBucketsAreRefused() {
    TreeMap<Integer, Long> b = new TreeMap<>();
    b.put(720, 1L);
    assertThatThrownBy(() -> new Histogram(b, null)).hasMessageContaining("outside 0..719");
    TreeMap<Integer, Long> n = new TreeMap<>();
    n.put(3, -1L);
    assertThatThrownBy(() -> new Histogram(n, null)).hasMessageContaining("negative");
    assertThatThrownBy(() -> Histogram.of(1).valueAtQuantile(Double.NaN))
        .hasMessageContaining("quantile");
  }

  @Test
  void serializesSparselyWithDecimalKeys() {
    String json = ReportJson.mapper().writeValueAsString(Histogram.of(5, 5, 1_000));

    assertThat(json)
        .isEqualTo(
            "{\"buckets\":{\"5\":2,\"" + LogBuckets.indexOf(1_000) + "\":1},\"maxNs\":1000}");
  }

  private static long[] randomValues() {
    long[] v = new long[RANDOM.nextInt(0, 50)];
    for (int i = 0; i < v.length; i++) {
      v[i] = RANDOM.nextLong(1L << RANDOM.nextInt(1, 40));
    }
    return v;
  }

  private static long[] concat(long[]... parts) {
    return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
  }
}
