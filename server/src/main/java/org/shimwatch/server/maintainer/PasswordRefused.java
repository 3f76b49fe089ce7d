package org.shimwatch.server.maintainer;

/** A password change refused because of one field; nothing was changed. */
public final class PasswordRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  PasswordRefused(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The form field at fault. */
  public String field() {
    return field;
  }
}
