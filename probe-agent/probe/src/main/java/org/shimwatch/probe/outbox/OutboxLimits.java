package org.shimwatch.probe.outbox;

import java.time.Duration;

/**
 * Bounds on what waits in the outbox; beyond them the oldest reports are dropped first, and each
 * drop is written to {@code dropped.log}.
 *
 * @param maxReports most reports waiting at once
 * @param maxBytes most bytes of reports waiting at once
 * @param maxAge oldest a waiting report may get
 */
public record OutboxLimits(int maxReports, long maxBytes, Duration maxAge) {

  /**
   * 500 reports: a user runs a client a few times a day, and the javaagent reports hourly, so 500
   * is weeks of reports from a machine that cannot reach the server, and listing it stays instant.
   */
  public static final int DEFAULT_MAX_REPORTS = 500;

  /**
   * 50 MiB: a report with all six call kinds and 64 traps at level 3 is under 100 KiB, usually 2 to
   * 5 KiB, so this never binds before the count does unless reports are unusually large, and it is
   * little enough to go unnoticed in a home directory.
   */
  public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

  /**
   * 30 days: a report older than a month describes a shim build and fixes that are likely out of
   * date, and the server's matrix weighs recent reports; keeping it longer only grows the queue.
   */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

  /** The defaults above. */
  public static OutboxLimits defaults() {
    return new OutboxLimits(DEFAULT_MAX_REPORTS, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);
  }
}
