package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sparse histogram of nanoseconds in the {@link LogBuckets} layout: bucket index to count, empty
 * buckets left out.
 *
 * @param buckets positive counts by bucket index
 * @param maxNs the largest value recorded, or {@code null} if not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Histogram(SortedMap<Integer, Long> buckets, Long maxNs) {

  public Histogram {
    TreeMap<Integer, Long> copy = new TreeMap<>();
    if (buckets != null) {
      for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
        int index = e.getKey();
        long count = e.getValue();
        if (index < 0 || index > LogBuckets.MAX_INDEX) {
          throw new IllegalArgumentException(
              "bucket index " + index + " is outside 0.." + LogBuckets.MAX_INDEX);
        }
        if (count < 0) {
          throw new IllegalArgumentException("bucket " + index + " has a negative count");
        }
        if (count > 0) {
          copy.put(index, count);
        }
      }
    }
    buckets = Collections.unmodifiableSortedMap(copy);
  }

  /** An empty histogram. */
  public static Histogram empty() {
    return new Histogram(null, null);
  }

  /** A histogram of the given values. */
  public static Histogram of(long... valuesNs) {
    TreeMap<Integer, Long> b = new TreeMap<>();
    long max = 0;
    for (long v : valuesNs) {
      b.merge(LogBuckets.indexOf(v), 1L, Long::sum);
      max = Math.max(max, v);
    }
    return new Histogram(b, valuesNs.length == 0 ? null : max);
  }

  /** The sum of both: counts of equal buckets add; the larger maximum stays. */
  public Histogram merge(Histogram other) {
    if (other == null) {
      return this;
    }
    TreeMap<Integer, Long> b = new TreeMap<>(buckets);
    other.buckets.forEach((k, v) -> b.merge(k, v, Math::addExact));
    Long max;
    if (maxNs == null) {
      max = other.maxNs;
    } else {
      max = other.maxNs == null ? maxNs : Math.max(maxNs, other.maxNs);
    }
    return new Histogram(b, max);
  }

  /** How many values were recorded. */
  @JsonIgnore
  public long totalCount() {
    long n = 0;
    for (long c : buckets.values()) {
      n += c;
    }
    return n;
  }

  /** The sum of all values, estimated from bucket midpoints. */
  @JsonIgnore
  public long estimatedSumNs() {
    long sum = 0;
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      sum += LogBuckets.midpoint(e.getKey()) * e.getValue();
    }
    return sum;
  }

  /**
   * The value below which a fraction {@code q} of the recorded values lie, as the midpoint of the
   * bucket that holds it (so within 3.1% of the true value), capped at {@link #maxNs} when known.
   *
   * @param q between 0 and 1
   * @return the quantile, or 0 for an empty histogram
   */
  public long valueAtQuantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be between 0 and 1, got " + q);
    }
    long total = totalCount();
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        long v = LogBuckets.midpoint(e.getKey());
        return maxNs == null ? v : Math.min(v, maxNs);
      }
    }
    throw new IllegalStateException("unreachable: rank beyond total");
  }
}
