package org.shimwatch.web.latency;

/**
 * Figures of a merged histogram, in nanoseconds. Each is the midpoint of the log bucket that holds
 * it, so within 3.1% of the true value; {@code maxNs} is the highest non-empty bucket's.
 *
 * @param count values recorded
 * @param p50Ns median
 * @param p90Ns 90th percentile
 * @param p99Ns 99th percentile
 * @param maxNs largest value
 */
public record Quantiles(long count, long p50Ns, long p90Ns, long p99Ns, long maxNs) {}
