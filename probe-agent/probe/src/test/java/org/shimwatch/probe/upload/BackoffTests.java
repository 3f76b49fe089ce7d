package org.shimwatch.probe.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTests {

  private final Backoff backoff = Backoff.defaults();

  @Test
  void waitsDoubleWithinJitterAndStopAtTheCap() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n = 1; n <= 12; n++) {
      Duration full = Duration.ofSeconds(30).multipliedBy(1L << (n - 1));
      if (full.compareTo(Duration.ofHours(6)) > 0) {
        full = Duration.ofHours(6);
      }
      Duration d = backoff.delay(n, r);
      assertThat(d).isBetween(full.dividedBy(2), full);
    }
    assertThat(backoff.delay(1000, r)).isLessThanOrEqualTo(Duration.ofHours(6));
  }

  @Test
  void jitterSpreadsProbesThatFailedTogether() {
    Set<Duration> waits = new HashSet<>();
    for (int seed = 0; seed < 20; seed++) {
      waits.add(backoff.delay(3, new SplittableRandom(seed)));
    }
    assertThat(waits).hasSizeGreaterThan(15);
  }
}
