package org.shimwatch.server.rollup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of a rollup row: the first 128 bits of SHA-256 over its parts, in hex. Parts are joined
 * with NUL, which no part can hold, so different keys never share a string; 128 bits make a
 * collision among a project's rows as good as impossible.
 */
public final class KeyHash {

  /** One digest per thread: looking one up by name costs more than hashing a short key. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
          });

  private KeyHash() {}

  /** The hash of the parts; {@code null} parts count as empty. */
  public static String of(String... parts) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        s.append('\0');
      }
      if (parts[i] != null) {
        s.append(parts[i]);
      }
    }
    // digest() resets the digest, so the thread's next key starts afresh.
    byte[] d = SHA_256.get().digest(s.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 16);
  }
}
