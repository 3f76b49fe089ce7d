package org.shimwatch.server.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTests {

  /** A hash that takes its time and records how many run at once. */
  private static final class SlowHash implements PasswordEncoder {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final CountDownLatch release;

    SlowHash(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public String encode(CharSequence raw) {
      return "h:" + raw;
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      int now = running.incrementAndGet();
      most.accumulateAndGet(now, Math::max);
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      return encoded.equals("h:" + raw);
    }
  }

  @Test
  void noMoreChecksRunAtOnceThanAllowedAndTheRestAreToldBusy() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    SlowHash hash = new SlowHash(release);
    BoundedPasswordEncoder encoder =
        new BoundedPasswordEncoder(hash, 1, Duration.ofMillis(300), Duration.ofMinutes(5));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> guesses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String guess = "guess" + i;
        guesses.add(pool.submit(() -> encoder.matches(guess, "h:secret")));
      }
      int busy = 0;
      for (Future<Boolean> g : guesses) {
        try {
          g.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause())
              .isInstanceOf(AuthenticationServiceException.class)
              .hasMessageContaining("try again");
          busy++;
          release.countDown();
        }
      }
      release.countDown();
      assertThat(hash.most.get()).isEqualTo(1);
      assertThat(busy).as("guesses turned away instead of waiting on").isGreaterThanOrEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRightPasswordCostsOneSlowCheckPerPeriodAndAChangedHashIsCheckedAgain() {
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    BoundedPasswordEncoder encoder =
        new BoundedPasswordEncoder(bcrypt, 1, Duration.ofSeconds(5), Duration.ofMinutes(5));
    String stored = bcrypt.encode("right");
    for (int i = 0; i < 20; i++) {
      assertThat(encoder.matches("right", stored)).isTrue();
    }
    assertThat(encoder.slowChecks()).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      assertThat(encoder.matches("wrong", stored)).isFalse();
    }
    assertThat(encoder.slowChecks()).as("wrong passwords are never remembered").isEqualTo(4);
    String changed = bcrypt.encode("other");
    assertThat(encoder.matches("right", changed)).isFalse();
    assertThat(encoder.matches("other", changed)).isTrue();
    assertThat(encoder.slowChecks()).isEqualTo(6);
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThatThrownBy(
            () ->
                new BoundedPasswordEncoder(
                    new BCryptPasswordEncoder(4), 0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("concurrent=0");
  }
}
