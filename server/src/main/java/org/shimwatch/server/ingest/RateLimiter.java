package org.shimwatch.server.ingest;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by client (an ingest key or an installation). Each server instance keeps its own
 * buckets in memory, so behind a balancer with N instances a client may reach N times the rate: the
 * limits are per instance, as the documentation says.
 */
final class RateLimiter {

  private final double tokensPerNano;
  private final double burst;
  private final int maxTracked;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perSecond sustained rate
   * @param burst how many may come at once
   * @param maxTracked most clients kept; idle (full) buckets are dropped first past it
   */
  RateLimiter(double perSecond, int burst, int maxTracked) {
    this.tokensPerNano = perSecond / 1e9;
    this.burst = burst;
    this.maxTracked = maxTracked;
  }

  /**
   * Takes one token for {@code client}.
   *
   * @return 0 when allowed, or the whole seconds (at least 1) until a token is there
   */
  long take(String client, long nowNanos) {
    if (buckets.size() > maxTracked) {
      evictIdle(nowNanos);
    }
    Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, nowNanos));
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

  private void evictIdle(long nowNanos) {
    Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator();
    while (it.hasNext()) {
      Bucket b = it.next().getValue();
      synchronized (b) {
        b.refill(nowNanos, tokensPerNano, burst);
        if (b.tokens >= burst) {
          it.remove();
        }
      }
    }
    // Still too many active clients: start over rather than grow without bound.
    if (buckets.size() > maxTracked) {
      buckets.clear();
    }
  }

  int tracked() {
    return buckets.size();
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
