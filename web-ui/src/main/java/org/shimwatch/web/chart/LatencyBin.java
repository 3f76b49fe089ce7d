package org.shimwatch.web.chart;

/**
 * One bucket of a latency histogram: the values from {@code lowerNs} up to but not including {@code
 * upperNs}, and how many calls fell in it.
 */
public record LatencyBin(long lowerNs, long upperNs, long count) {

  public LatencyBin {
    if (upperNs < lowerNs) {
      throw new IllegalArgumentException("a bucket ends before it starts");
    }
  }
}
