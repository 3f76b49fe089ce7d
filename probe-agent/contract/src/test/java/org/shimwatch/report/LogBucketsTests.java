package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LogBucketsTests {

  /** Fixed seed: a failure names values that fail again on the next run. */
  private static final SplittableRandom RANDOM = new SplittableRandom(20261125L);

  @Test
  void smallValuesHaveBucketsOfTheirOwn() {
    for (int v = 0; v < 32; v++) {
      assertThat(LogBuckets.indexOf(v)).isEqualTo(v);
      assertThat(LogBuckets.lowerBound(v)).isEqualTo(v);
      assertThat(LogBuckets.width(v)).isEqualTo(1);
    }
  }

  @Test
  void everyValueLiesInsideItsBucket() {
    for (long v : sampleValues().toArray()) {
      int i = LogBuckets.indexOf(v);
      long low = LogBuckets.lowerBound(i);
      assertThat(v).as("value %d in bucket %d", v, i).isBetween(low, low + LogBuckets.width(i) - 1);
    }
  }

  @Test
  void midpointIsWithinThreePointTwoPercentOfEveryValue() {
    for (long v : sampleValues().toArray()) {
      long mid = LogBuckets.midpoint(LogBuckets.indexOf(v));
      double error = Math.abs(mid - v) / (double) Math.max(v, 1);
      assertThat(error).as("value %d midpoint %d", v, mid).isLessThanOrEqualTo(1.0 / 32);
    }
  }

  @Test
  void bucketsTileTheRangeWithoutGapsOrOverlaps() {
    for (int i = 0; i < LogBuckets.MAX_INDEX; i++) {
      long end = LogBuckets.lowerBound(i) + LogBuckets.width(i);
      assertThat(LogBuckets.lowerBound(i + 1)).as("after bucket %d", i).isEqualTo(end);
      assertThat(LogBuckets.indexOf(end - 1)).isEqualTo(i);
      assertThat(LogBuckets.indexOf(end)).isEqualTo(i + 1);
    }
  }

  @Test
  void powersOfTwoAndTheirNeighboursLandOnEdges() {
    for (int k = 4; k < 48; k++) {
      long p = 1L << k;
      assertThat(LogBuckets.indexOf(p)).isEqualTo(16 * (k - 3));
      assertThat(LogBuckets.lowerBound(LogBuckets.indexOf(p))).isEqualTo(p);
      assertThat(LogBuckets.indexOf(p - 1)).isEqualTo(16 * (k - 3) - 1);
    }
  }

  @Test
  void hugeAndNegativeValuesAreClamped() {
    assertThat(LogBuckets.indexOf(LogBuckets.MAX_TRACKED)).isEqualTo(LogBuckets.MAX_INDEX);
    assertThat(LogBuckets.indexOf(Long.MAX_VALUE)).isEqualTo(LogBuckets.MAX_INDEX);
    assertThat(LogBuckets.indexOf(-5)).isZero();
  }

  @Test
  void indexIsMonotonic() {
    long[] values = sampleValues().sorted().toArray();
    for (int i = 1; i < values.length; i++) {
      assertThat(LogBuckets.indexOf(values[i]))
          .isGreaterThanOrEqualTo(LogBuckets.indexOf(values[i - 1]));
    }
  }

  @Test
  void indexesOutsideTheLayoutAreRefused() {
    assertThatThrownBy(() -> LogBuckets.lowerBound(720)).hasMessageContaining("0..719");
    assertThatThrownBy(() -> LogBuckets.width(-1)).hasMessageContaining("0..719");
  }

  /** Random values across every magnitude, plus every bucket edge and its neighbours. */
  static LongStream sampleValues() {
    LongStream random =
        LongStream.generate(() -> RANDOM.nextLong(1L << RANDOM.nextInt(1, 49))).limit(200_000);
    LongStream edges =
        LongStream.rangeClosed(0, LogBuckets.MAX_INDEX)
            .map(i -> LogBuckets.lowerBound((int) i))
            .flatMap(e -> LongStream.of(e - 1, e, e + 1))
            .filter(v -> v >= 0 && v <= LogBuckets.MAX_TRACKED);
    return LongStream.concat(random, edges);
  }
}
