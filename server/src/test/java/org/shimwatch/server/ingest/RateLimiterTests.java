package org.shimwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimiterTests {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aClientGetsItsBurstThenTheSustainedRate() {
    RateLimiter limiter = new RateLimiter(1, 3, 100);
    long t = 5 * SECOND;
    assertThat(limiter.take("a", t)).isZero();
    assertThat(limiter.take("a", t)).isZero();
    assertThat(limiter.take("a", t)).isZero();
    assertThat(limiter.take("a", t)).isEqualTo(1);
    assertThat(limiter.take("b", t)).as("another client has its own bucket").isZero();
    assertThat(limiter.take("a", t + SECOND)).isZero();
    assertThat(limiter.take("a", t + SECOND)).isEqualTo(1);
  }

  @Test
  void aMillionMadeUpIdsNeitherGrowTheTableNorResetASteadyClient() {
    int maxTracked = 10_000;
    RateLimiter limiter = new RateLimiter(1, 5, maxTracked);
    long t = 10 * SECOND;
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.take("steady", t)).isZero();
    }
    // One made-up id per microsecond: the flood lasts one second of the limiter's clock, in which
    // the steady client earns one token. It asks every thousand ids, so a reset of its bucket
    // would show as up to five more sends.
    int allowed = 0;
    int asked = 0;
    long maxSeen = 0;
    for (int i = 0; i < 1_000_000; i++) {
      t += 1_000;
      limiter.take("flood-" + i, t);
      if (i % 1_000 == 999) {
        asked++;
        if (limiter.take("steady", t) == 0) {
          allowed++;
        }
      }
      if (i % 50_000 == 0) {
        maxSeen = Math.max(maxSeen, limiter.tracked());
      }
    }
    assertThat(asked).isEqualTo(1_000);
    assertThat(allowed).as("sends the steady client got during the flood").isLessThanOrEqualTo(1);
    assertThat(limiter.take("steady", t)).as("still limited after the flood").isPositive();
    assertThat(Math.max(maxSeen, limiter.tracked())).isLessThanOrEqualTo(maxTracked);
  }

  @Test
  void limitsThatCannotWorkAreRefusedWithTheirValues() {
    assertThatThrownBy(() -> new RateLimiter(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perSecond=0.0");
    assertThatThrownBy(() -> new RateLimiter(1, 0, 1)).hasMessageContaining("burst=0");
    assertThatThrownBy(() -> new RateLimiter(1, 1, 0)).hasMessageContaining("maxTracked=0");
  }
}
