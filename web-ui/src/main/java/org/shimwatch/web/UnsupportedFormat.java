package org.shimwatch.web;

/** A body in a type or encoding the server does not read. */
public final class UnsupportedFormat extends Refusal {

  private static final long serialVersionUID = 1L;

  public UnsupportedFormat(String reason, String message) {
    super(reason, message);
  }
}
