package org.shimwatch.server.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=} and the hex HMAC-SHA256, keyed with the subscription's
 * secret, of the timestamp header's value, a dot, and the body. The timestamp is signed so that a
 * captured post cannot be replayed later: the receiver refuses a timestamp far from its clock.
 */
public final class AlertSigning {

  /** Header with the signature. */
  public static final String SIGNATURE_HEADER = "X-Shimwatch-Signature";

  /** Header with the time of sending, in seconds since 1970, part of the signed text. */
  public static final String TIMESTAMP_HEADER = "X-Shimwatch-Timestamp";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AlertSigning() {}

  /** A new random secret: 32 bytes, URL-safe Base64, with a prefix that says what it is. */
  static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "whs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The signature header's value for this timestamp and body. */
  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * What a receiver does: the signature matches (compared in constant time) and the timestamp is
   * within {@code toleranceSeconds} of {@code nowSeconds}.
   */
  public static boolean verify(
      String secret,
      String signature,
      String timestamp,
      byte[] body,
      long nowSeconds,
      long toleranceSeconds) {
    if (signature == null || timestamp == null) {
      return false;
    }
    long t;
    try {
      t = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(nowSeconds - t) > toleranceSeconds) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, t, body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
