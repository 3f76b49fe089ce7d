package org.shimwatch.report;

/**
 * The bucket layout of every histogram in contract v1 (the C shim uses the same formula).
 *
 * <p>Values are non-negative integer nanoseconds {@code v}. If {@code v < 16} the index is {@code
 * v}. Otherwise, with {@code e = floor(log2 v)} and {@code m} the four bits after the leading one,
 * the index is {@code 16 * (e - 3) + m}. Each power of two is split into 16 equal buckets, so a
 * bucket is at most 1/16 of its lower bound wide and its midpoint is within 1/32 (3.1%) of any
 * value in it. Indexes run from 0 to {@link #MAX_INDEX}; larger values count in the last bucket.
 */
public final class LogBuckets {

  /** Sub-buckets per power of two, as a bit count: 2^4 = 16. */
  static final int SUB_BITS = 4;

  /** Highest bucket index: e = 47, about 78 hours in nanoseconds. */
  public static final int MAX_INDEX = 719;

  /** Number of buckets. */
  public static final int BUCKETS = MAX_INDEX + 1;

  /** Largest value with a bucket of its own; larger values count in {@link #MAX_INDEX}. */
  public static final long MAX_TRACKED = (1L << 48) - 1;

  private LogBuckets() {}

  /** The bucket of {@code valueNs}; negative values count as 0. */
  public static int indexOf(long valueNs) {
    if (valueNs < 16) {
      return valueNs < 0 ? 0 : (int) valueNs;
    }
    if (valueNs > MAX_TRACKED) {
      return MAX_INDEX;
    }
    int e = 63 - Long.numberOfLeadingZeros(valueNs);
    int m = (int) ((valueNs >>> (e - SUB_BITS)) & 15);
    return 16 * (e - 3) + m;
  }

  /** The smallest value in bucket {@code index}. */
  public static long lowerBound(int index) {
    checkIndex(index);
    if (index < 16) {
      return index;
    }
    int e = index / 16 + 3;
    int m = index % 16;
    return (16L + m) << (e - SUB_BITS);
  }

  /** How many values bucket {@code index} holds. */
  public static long width(int index) {
    checkIndex(index);
    return index < 16 ? 1 : 1L << (index / 16 + 3 - SUB_BITS);
  }

  /** The value that stands for bucket {@code index}: its midpoint. */
  public static long midpoint(int index) {
    return lowerBound(index) + width(index) / 2;
  }

  private static void checkIndex(int index) {
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalArgumentException("bucket index " + index + " is outside 0.." + MAX_INDEX);
    }
  }
}
