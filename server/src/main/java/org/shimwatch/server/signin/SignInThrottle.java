package org.shimwatch.server.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Failed sign-ins counted per account and per source, with a delay that grows with every failure
 * past the free ones. An account name is counted whether or not such a maintainer exists, so the
 * answers tell a guesser nothing about which names are real. Sources (client addresses) are kept
 * only as salted hashes in memory and forgotten after a quiet period or a restart.
 */
public final class SignInThrottle {

  /** Accounts and sources tracked at most; past it the least likely to come back are dropped. */
  static final int MAX_TRACKED = 100_000;

  private final int freeAttempts;
  private final long firstDelayNanos;
  private final long maxDelayNanos;
  private final Cache<String, Failures> failures;
  private final byte[] salt = new byte[16];

  /**
   * @param freeAttempts failures allowed before any delay
   * @param firstDelay the delay after the first failure past the free ones; it doubles with each
   *     further failure
   * @param maxDelay the longest delay
   * @param forgetAfter failures are forgotten this long after the last one
   */
  public SignInThrottle(
      int freeAttempts, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
    if (freeAttempts < 0
        || firstDelay.isNegative()
        || firstDelay.isZero()
        || maxDelay.compareTo(firstDelay) < 0
        || forgetAfter.isNegative()
        || forgetAfter.isZero()) {
      throw new IllegalArgumentException(
          "sign-in throttle settings do not work together: freeAttempts="
              + freeAttempts
              + ", firstDelay="
              + firstDelay
              + ", maxDelay="
              + maxDelay
              + ", forgetAfter="
              + forgetAfter);
    }
    this.freeAttempts = freeAttempts;
    this.firstDelayNanos = firstDelay.toNanos();
    this.maxDelayNanos = maxDelay.toNanos();
    this.failures =
        Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED)
            .expireAfterWrite(forgetAfter)
            .executor(Runnable::run)
            .build();
    new SecureRandom().nextBytes(salt);
  }

  /**
   * How long the caller must wait before this attempt is looked at.
   *
   * @param account the user name tried (any case), or null when none was given
   * @param source the client's address, or null
   * @return 0 when the attempt may go on, else whole seconds (at least 1) to wait
   */
  public long waitSeconds(String account, String source, long nowNanos) {
    long wait = 0;
    for (String key : keys(account, source)) {
      Failures f = failures.getIfPresent(key);
      if (f != null) {
        wait = Math.max(wait, f.waitNanos(nowNanos));
      }
    }
    return wait == 0 ? 0 : Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
  }

  /** Counts a wrong password (or an unknown account) against the account and the source. */
  public void failed(String account, String source, long nowNanos) {
    for (String key : keys(account, source)) {
      Failures f = failures.get(key, k -> new Failures());
      long delay;
      synchronized (f) {
        f.count++;
        int past = f.count - freeAttempts;
        if (past <= 0) {
          delay = 0;
        } else {
          int shift = Math.min(past - 1, 40);
          delay = Math.min(maxDelayNanos, firstDelayNanos << shift);
          if (delay < 0) {
            delay = maxDelayNanos;
          }
        }
        f.until = nowNanos + delay;
      }
      // Written again so the quiet period counts from the last failure.
      failures.put(key, f);
    }
  }

  /** A right password clears what was counted against the account and the source. */
  public void succeeded(String account, String source) {
    for (String key : keys(account, source)) {
      failures.invalidate(key);
    }
  }

  private String[] keys(String account, String source) {
    String a = account == null ? null : "a:" + account.strip().toLowerCase(Locale.ROOT);
    String s = source == null ? null : "s:" + hash(source);
    if (a == null) {
      return s == null ? new String[0] : new String[] {s};
    }
    return s == null ? new String[] {a} : new String[] {a, s};
  }

  private String hash(String source) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      d.update(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static final class Failures {
    int count;
    long until;

    synchronized long waitNanos(long now) {
      return Math.max(0, until - now);
    }
  }
}
