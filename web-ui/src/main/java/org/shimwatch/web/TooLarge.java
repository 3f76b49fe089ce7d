package org.shimwatch.web;

/** A body larger than the server takes, before or after inflation. */
public final class TooLarge extends Refusal {

  private static final long serialVersionUID = 1L;

  public TooLarge(String reason, String message) {
    super(reason, message);
  }
}
