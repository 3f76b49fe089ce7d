package org.shimwatch.server.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A slow password hash (BCrypt) that cannot take the whole machine. At most {@code concurrent}
 * checks run at once; a check that cannot start within {@code wait} is refused as "busy" instead of
 * holding a request thread. A password already found right for a stored hash is remembered for a
 * while, as a keyed hash of the pair only, so a script or a metrics scraper signing in with HTTP
 * basic every few seconds costs one slow check per period, not one per request; a changed stored
 * hash never matches what was remembered.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

  private final PasswordEncoder slow;
  private final Semaphore permits;
  private final long waitNanos;
  private final Cache<String, Boolean> recentlyRight;
  private final SecretKeySpec key;
  private final AtomicLong slowChecks = new AtomicLong();

  /**
   * @param slow the real hash
   * @param concurrent slow checks at once
   * @param wait how long a check may wait for its turn
   * @param remember how long a right password is remembered
   */
  public BoundedPasswordEncoder(
      PasswordEncoder slow, int concurrent, Duration wait, Duration remember) {
    if (concurrent < 1 || wait.isNegative() || remember.isNegative()) {
      throw new IllegalArgumentException(
          "password check settings do not work: concurrent="
              + concurrent
              + ", wait="
              + wait
              + ", remember="
              + remember);
    }
    this.slow = slow;
    this.permits = new Semaphore(concurrent, true);
    this.waitNanos = wait.toNanos();
    this.recentlyRight =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(remember)
            .executor(Runnable::run)
            .build();
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
  }

  @Override
  public String encode(CharSequence rawPassword) {
    return bounded(() -> slow.encode(rawPassword));
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    if (rawPassword == null || encodedPassword == null) {
      return false;
    }
    String pair = pairKey(rawPassword, encodedPassword);
    if (recentlyRight.getIfPresent(pair) != null) {
      return true;
    }
    boolean right = bounded(() -> slow.matches(rawPassword, encodedPassword));
    if (right) {
      recentlyRight.put(pair, Boolean.TRUE);
    }
    return right;
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return slow.upgradeEncoding(encodedPassword);
  }

  /** Slow checks made so far (for tests and metrics). */
  public long slowChecks() {
    return slowChecks.get();
  }

  private <T> T bounded(java.util.function.Supplier<T> check) {
    boolean got;
    try {
      got = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuthenticationServiceException("sign-in interrupted", e);
    }
    if (!got) {
      throw new AuthenticationServiceException(
          "too many sign-ins are being checked at once; try again in a few seconds");
    }
    try {
      slowChecks.incrementAndGet();
      return check.get();
    } finally {
      permits.release();
    }
  }

  private String pairKey(CharSequence raw, String encoded) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(encoded.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(raw.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java has HmacSHA256", e);
    }
  }
}
