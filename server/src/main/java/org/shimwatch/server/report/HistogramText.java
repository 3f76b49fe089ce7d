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
    // A report's histograms are sorted already; copying them into order would be wasted work.
    Map<Integer, Long> ordered =
        buckets instanceof SortedMap<Integer, Long> sorted && sorted.comparator() == null
            ? buckets
            : new TreeMap<>(buckets);
    for (Map.Entry<Integer, Long> e : ordered.entrySet()) {
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
    read(text, (index, count) -> b.merge(index, count, Long::sum));
    return b;
  }

  /** Receives a text's buckets in order. */
  @FunctionalInterface
  private interface Buckets {
    void take(int index, long count);
  }

  /**
   * Hands each {@code index:count} pair of a text to {@code into}; the one reader of the format.
   *
   * @throws IllegalArgumentException when the text is not in this format
   */
  private static void read(String text, Buckets into) {
    if (text == null || text.isEmpty()) {
      return;
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
      into.take(index, count);
      i = comma + 1;
    }
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

  /** Room for every bucket's count, indexed by bucket: what sums are added up in. */
  public static long[] counts() {
    return new long[LogBuckets.MAX_INDEX + 1];
  }

  /** The text of these counts (from {@link #counts()}); zero counts are left out. */
  public static String format(long[] counts) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      if (s.length() > 0) {
        s.append(',');
      }
      s.append(i).append(':').append(counts[i]);
    }
    return s.toString();
  }

  /**
   * Adds {@code sign} times the buckets of a text into {@code counts} (from {@link #counts()}),
   * read straight from the text: the summing path of the rollups, which handle many texts per
   * batch. Like {@link #add}, a count that would go below zero stops at zero.
   *
   * @return whether every count stayed at or above zero
   * @throws IllegalArgumentException when the text is not in this format
   */
  public static boolean addTo(long[] counts, String text, int sign) {
    boolean[] exact = {true};
    read(text, (index, count) -> exact[0] &= addAt(counts, index, sign * count));
    return exact[0];
  }

  /**
   * Adds {@code sign} times {@code delta} into {@code into}, both from {@link #counts()}.
   *
   * @return whether every count stayed at or above zero
   */
  public static boolean addTo(long[] into, long[] delta, int sign) {
    boolean exact = true;
    for (int i = 0; i < delta.length; i++) {
      if (delta[i] != 0) {
        exact &= addAt(into, i, sign * delta[i]);
      }
    }
    return exact;
  }

  private static boolean addAt(long[] counts, int index, long delta) {
    long v = counts[index] + delta;
    if (v < 0) {
      counts[index] = 0;
      return false;
    }
    counts[index] = v;
    return true;
  }

  /** A histogram of these buckets, without a known maximum. */
  public static Histogram histogram(Map<Integer, Long> buckets) {
    return new Histogram(new TreeMap<>(buckets), null);
  }
}
