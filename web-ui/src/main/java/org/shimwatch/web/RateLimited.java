package org.shimwatch.web;

/** A sender over its rate: nothing was read; the same request is welcome after the wait. */
public final class RateLimited extends Refusal {

  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  /**
   * @param retryAfterSeconds how long the sender should wait before trying again
   */
  public RateLimited(String reason, String message, long retryAfterSeconds) {
    super(reason, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
