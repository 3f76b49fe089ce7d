package org.shimwatch.report;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Report ids as the probe makes them: time-ordered UUIDs (version 7 of RFC 9562), the creation time
 * in milliseconds in the first 48 bits and 74 random bits after it. Ids made about the same time
 * lie close together, so a server's index of report ids grows at its end instead of taking each new
 * id somewhere in the middle, and an id tells nothing the report does not already say (its creation
 * time is in it). Installation ids stay fully random: when a user first opted in is theirs to keep.
 * The server accepts any UUID as a report id.
 */
public final class ReportIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The largest creation time the 48-bit field holds (the year 10889). */
  static final long MAX_MILLIS = (1L << 48) - 1;

  private ReportIds() {}

  /** A new report id for a report made at {@code at}. */
  public static UUID next(Instant at) {
    return timeOrdered(at.toEpochMilli(), RANDOM.nextLong(), RANDOM.nextLong());
  }

  /**
   * The version 7 UUID of a time and two sources of random bits (of which 12 and 62 bits are used).
   *
   * @throws IllegalArgumentException when the time is before 1970 or past the year 10889
   */
  public static UUID timeOrdered(long epochMillis, long randomA, long randomB) {
    if (epochMillis < 0 || epochMillis > MAX_MILLIS) {
      throw new IllegalArgumentException(
          "a report id holds times from 1970 to the year 10889, not " + epochMillis + " ms");
    }
    long high = (epochMillis << 16) | 0x7000L | (randomA & 0x0FFFL);
    long low = (randomB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }

  /** The creation time a version 7 id carries, or {@code null} for an id of another version. */
  public static Instant timeOf(UUID id) {
    return id.version() == 7 ? Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16) : null;
  }
}
