package org.shimwatch.probe.upload;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half
 * and all of {@code base * 2^(n-1)}, capped. The randomness spreads probes that failed together (a
 * server restart) so they do not all come back at the same instant.
 *
 * @param base the wait after the first failure
 * @param cap the longest wait
 */
public record Backoff(Duration base, Duration cap) {

  /**
   * 30 s after the first failure: long enough for a restarting server, short enough that a {@code
   * shimwatch run} right after sees its report go; 6 h at most, so a machine that was offline for a
   * day sends within hours of coming back.
   */
  public static Backoff defaults() {
    return new Backoff(Duration.ofSeconds(30), Duration.ofHours(6));
  }

  /** The wait after {@code failures} consecutive failures (at least 1). */
  public Duration delay(int failures, RandomGenerator random) {
    int n = Math.max(1, Math.min(failures, 40));
    long baseMs = base.toMillis();
    long capMs = cap.toMillis();
    long full =
        n - 1 >= 62 || baseMs > (capMs >> (n - 1)) ? capMs : Math.min(capMs, baseMs << (n - 1));
    long half = full / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (full - half)));
  }
}
