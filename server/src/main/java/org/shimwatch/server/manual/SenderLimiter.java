package org.shimwatch.server.manual;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts sends per sender in memory only. The sender value (an address) is never kept as it is: it
 * is hashed with a random salt made at start, so even this memory holds no address, and a restart
 * forgets everything.
 */
final class SenderLimiter {

  /** Senders remembered at most; the oldest are forgotten first. */
  static final int MAX_SENDERS = 50_000;

  private final int limit;
  private final long windowSeconds;
  private final byte[] salt = new byte[16];
  private final Map<String, Deque<Long>> sends =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
          return size() > MAX_SENDERS;
        }
      };

  SenderLimiter(int limit, long windowSeconds) {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
    new SecureRandom().nextBytes(salt);
  }

  synchronized boolean allow(String sender) {
    long now = System.nanoTime() / 1_000_000_000L;
    Deque<Long> times = sends.computeIfAbsent(hash(sender), k -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= windowSeconds) {
      times.removeFirst();
    }
    if (times.size() >= limit) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  private String hash(String sender) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      d.update(String.valueOf(sender).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
