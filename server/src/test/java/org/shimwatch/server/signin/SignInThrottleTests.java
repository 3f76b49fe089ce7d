package org.shimwatch.server.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

  private static final long S = 1_000_000_000L;

  private final SignInThrottle throttle =
      new SignInThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1));

  @Test
  void fiveMistakesAreFreeThenTheWaitDoublesUpToItsCap() {
    long t = 100 * S;
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.waitSeconds("alice", "192.0.2.1", t)).isZero();
      throttle.failed("alice", "192.0.2.1", t);
    }
    assertThat(throttle.waitSeconds("alice", "192.0.2.1", t)).isZero();
    long[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
    for (long wait : expected) {
      throttle.failed("alice", "192.0.2.1", t);
      assertThat(throttle.waitSeconds("alice", "192.0.2.1", t)).isEqualTo(wait);
      t += wait * S;
      assertThat(throttle.waitSeconds("alice", "192.0.2.1", t)).isZero();
    }
  }

  @Test
  void theAccountIsThrottledFromAnyAddressAndTheAddressForAnyAccount() {
    long t = 0;
    for (int i = 0; i < 6; i++) {
      throttle.failed("alice", "192.0.2.1", t);
    }
    assertThat(throttle.waitSeconds("alice", "198.51.100.7", t)).as("same account").isEqualTo(1);
    assertThat(throttle.waitSeconds("ALICE ", "198.51.100.7", t)).as("any case").isEqualTo(1);
    assertThat(throttle.waitSeconds("bob", "192.0.2.1", t)).as("same address").isEqualTo(1);
    assertThat(throttle.waitSeconds("bob", "198.51.100.7", t)).isZero();
  }

  @Test
  void aNameThatDoesNotExistIsCountedLikeOneThatDoes() {
    long t = 0;
    for (int i = 0; i < 6; i++) {
      throttle.failed("no-such-maintainer", null, t);
      throttle.failed("admin", null, t);
    }
    assertThat(throttle.waitSeconds("no-such-maintainer", null, t))
        .isEqualTo(throttle.waitSeconds("admin", null, t))
        .isEqualTo(1);
  }

  @Test
  void aRightPasswordClearsTheCount() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("alice", "192.0.2.1", 0);
    }
    throttle.succeeded("alice", "192.0.2.1");
    assertThat(throttle.waitSeconds("alice", "192.0.2.1", 0)).isZero();
    throttle.failed("alice", "192.0.2.1", 0);
    assertThat(throttle.waitSeconds("alice", "192.0.2.1", 0)).as("free attempts again").isZero();
  }

  @Test
  void aMillionGuessedNamesDoNotGrowItWithoutBound() {
    for (int i = 0; i < 1_000_000; i++) {
      throttle.failed("guess-" + i, "192.0.2.1", i);
    }
    assertThat(throttle.waitSeconds("anyone", "192.0.2.1", 1_000_000)).isEqualTo(900);
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThatThrownBy(
            () ->
                new SignInThrottle(5, Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDelay=PT1M");
  }
}
