package org.shimwatch.probe.upload;

import java.time.Duration;
import org.shimwatch.probe.outbox.Receipt;

/**
 * Every way one upload attempt can end: a closed set, produced in one place ({@link
 * UploadOutcomes#fromResponse}, or {@link Failed} for an attempt that got no answer) and acted on
 * in one place ({@link OutboxUploader}).
 */
public sealed interface UploadOutcome {

  /** The server stored the report (202): archive it with the receipt. */
  record Accepted(Receipt receipt) implements UploadOutcome {}

  /** The server had stored it already (200): an earlier attempt got through; archive it. */
  record Duplicate(Receipt receipt) implements UploadOutcome {}

  /**
   * The server refuses this report for good (400, 413, 415 and other 4xx about the request): move
   * it to {@code rejected/} with the reason; sending it again would get the same answer.
   */
  record Rejected(int status, String reason) implements UploadOutcome {}

  /**
   * The server refuses this installation's settings, not the report (401, 403, 404, a redirect):
   * keep every report queued, stop sending, and tell the user what to fix.
   */
  record Refused(int status, String reason) implements UploadOutcome {}

  /**
   * The server cannot take it now (429, 5xx, 408): try again, after {@code after} when the server
   * said (Retry-After), else after the backoff.
   *
   * @param after the server's wait, or {@code null} to use the backoff
   */
  record RetryLater(int status, Duration after, String reason) implements UploadOutcome {}

  /** No usable answer: connection refused, timeout, a reply that is not the server's; retry. */
  record Failed(String cause) implements UploadOutcome {}
}
