package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTests {

  @Test
  void waitsDoubleFromTheFirstUpToTheLongest() {
    Duration first = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(5);
    assertThat(Backoff.after(1, first, max)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Backoff.after(2, first, max)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Backoff.after(4, first, max)).isEqualTo(Duration.ofSeconds(8));
    assertThat(Backoff.after(9, first, max)).isEqualTo(Duration.ofSeconds(256));
    assertThat(Backoff.after(10, first, max)).isEqualTo(max);
    assertThat(Backoff.after(10_000, first, max)).isEqualTo(max);
  }

  @Test
  void thereIsNoWaitBeforeTheFirstTry() {
    assertThatThrownBy(() -> Backoff.after(0, Duration.ofSeconds(1), Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
