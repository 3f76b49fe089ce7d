package org.shimwatch.server.report;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.shimwatch.report.Histogram;
import org.shimwatch.report.LogBuckets;

/**
 * Sparse histograms as stored text: {@code index:count} pairs in index order joined by commas, the
 * empty string for an empty histogram. One histogram has one text, so rollups built by adding and
 * subtracting compare equal to rollups built at once.
 */
public final class HistogramText {

  private HistogramText() {}

  /** The text of these buckets; zero counts are left out. */
  public static String format(Map<Integer, Long> buckets) {
    if (buckets == null || buckets.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (Map.Entry<Integer, Long> e : new TreeMap<>(buckets).entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      if (s.length() > 0) {
        s.append(',');
      }
      s.append(e.getKey()).append(':').append(e.getValue());
    }
    return s.toString();
  }

  /** The text of a histogram, or of nothing. */
  public static String format(Histogram h) {
    return h == null ? "" : format(h.buckets());
  }

  /**
   * The buckets of a text.
   *
   * @throws IllegalArgumentException when the text is not in this format
   */
  public static TreeMap<Integer, Long> parse(String text) {
    TreeMap<Integer, Long> b = new TreeMap<>();
    if (text == null || text.isEmpty()) {
      return b;
    }
    int i = 0;
    int n = text.length();
    while (i < n) {
      int colon = text.indexOf(':', i);
      int comma = text.indexOf(',', i);
      if (comma < 0) {
        comma = n;
      }
      if (colon < 0 || colon > comma) {
        throw new IllegalArgumentException("not a histogram text at " + i + ": " + text);
      }
      int index = Integer.parseInt(text, i, colon, 10);
      long count = Long.parseLong(text, colon + 1, comma, 10);
      if (index < 0 || index > LogBuckets.MAX_INDEX) {
        throw new IllegalArgumentException("bucket index " + index + " out of range");
      }
      b.merge(index, count, Long::sum);
      i = comma + 1;
    }
    return b;
  }

  /**
   * Adds {@code sign} times the buckets of {@code delta} into {@code into}; buckets that reach zero
   * go. A subtraction never leaves a negative count: a bucket that would go below zero is removed
   * and the method answers {@code false}, which means the rollup had drifted from the reports (a
   * rebuild sets it right).
   *
   * @return whether every bucket stayed at or above zero
   */
  public static boolean add(SortedMap<Integer, Long> into, Map<Integer, Long> delta, int sign) {
    boolean exact = true;
    for (Map.Entry<Integer, Long> e : delta.entrySet()) {
      long v = into.getOrDefault(e.getKey(), 0L) + sign * e.getValue();
      if (v < 0) {
        exact = false;
        v = 0;
      }
      if (v == 0) {
        into.remove(e.getKey());
      } else {
        into.put(e.getKey(), v);
      }
    }
    return exact;
  }

  /** A histogram of these buckets, without a known maximum. */
  public static Histogram histogram(Map<Integer, Long> buckets) {
    return new Histogram(new TreeMap<>(buckets), null);
  }
}
