package org.shimwatch.probe.consent;

/**
 * How much a user agreed to send; each level includes the ones below it. Level 0 is the default and
 * means nothing at all: no report is assembled and no connection is made.
 */
public enum ConsentLevel {
  /** Level 0: nothing is collected or sent. */
  NONE(0, "nothing"),
  /** Level 1: outcome, comment and environment. */
  ENVIRONMENT(1, "outcome, comment and environment (OS, stack, fixes, client, shim)"),
  /** Level 2: level 1 plus call metrics and self-test results. */
  METRICS(2, "level 1 plus call metrics (counts, latency histograms) and self-test results"),
  /** Level 3: level 2 plus trap details (frames, registers, recent calls). */
  DIAGNOSTICS(
      3, "level 2 plus trap details (call frames, registers, the last calls before a trap)");

  private final int number;
  private final String sends;

  ConsentLevel(int number, String sends) {
    this.number = number;
    this.sends = sends;
  }

  /** The level's number, 0 to 3, as the contract's {@code consentLevel} carries it. */
  public int number() {
    return number;
  }

  /** What a report at this level carries, in words. */
  public String sends() {
    return sends;
  }

  /** Whether this level allows what {@code other} allows. */
  public boolean allows(ConsentLevel other) {
    return number >= other.number;
  }

  /**
   * The level with this number.
   *
   * @throws IllegalArgumentException when the number is not 0, 1, 2 or 3
   */
  public static ConsentLevel of(int number) {
    for (ConsentLevel l : values()) {
      if (l.number == number) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "consent level " + number + " does not exist: use 0 (nothing), 1, 2 or 3");
  }
}
