package org.shimwatch.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Token buckets by client (an ingest key or an installation). Each server instance keeps its own
 * buckets in memory, so behind a balancer with N instances a client may reach N times the rate: the
 * limits are per instance, as the documentation says.
 *
 * <p>The table is bounded by eviction, never by a reset: past {@code maxTracked} clients, Caffeine
 * drops the entries least likely to be used again (its policy weighs how recently and how often a
 * client was seen), so a flood of made-up installation ids, each seen once, pushes out other
 * one-off ids while a client that keeps posting keeps its bucket, and stays limited.
 */
final class RateLimiter {

  private final double tokensPerNano;
  private final double burst;
  private final Cache<String, Bucket> buckets;

  /**
   * @param perSecond sustained rate
   * @param burst how many may come at once
   * @param maxTracked most clients kept; past it the least likely to come back are forgotten
   */
  RateLimiter(double perSecond, int burst, int maxTracked) {
    if (!(perSecond > 0) || burst < 1 || maxTracked < 1) {
      throw new IllegalArgumentException(
          "rate limits must be positive: perSecond="
              + perSecond
              + ", burst="
              + burst
              + ", maxTracked="
              + maxTracked);
    }
    this.tokensPerNano = perSecond / 1e9;
    this.burst = burst;
    // Eviction runs on the calling thread: no pool thread of the cache's own, and the bound holds
    // as soon as a call returns.
    this.buckets = Caffeine.newBuilder().maximumSize(maxTracked).executor(Runnable::run).build();
  }

  /**
   * Takes one token for {@code client}.
   *
   * @return 0 when allowed, or the whole seconds (at least 1) until a token is there
   */
  long take(String client, long nowNanos) {
    Bucket b = buckets.get(client, k -> new Bucket(burst, nowNanos));
    synchronized (b) {
      b.refill(nowNanos, tokensPerNano, burst);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      double missingNanos = (1 - b.tokens) / tokensPerNano;
      return Math.max(1, (long) Math.ceil(missingNanos / 1e9));
    }
  }

  long tracked() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }

    void refill(long now, double perNano, double burst) {
      if (now > last) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
      }
    }
  }
}
