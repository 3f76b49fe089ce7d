package org.shimwatch.web;

/**
 * A query asked with a malformed parameter. The API answers it with 400 and the reason code; a page
 * shows the message.
 */
public class BadQueryException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String parameter;

  /**
   * @param reason stable reason code, e.g. {@code invalid-columns}
   * @param parameter the offending query parameter
   * @param message a sentence for people
   */
  public BadQueryException(String reason, String parameter, String message) {
    super(message);
    this.reason = reason;
    this.parameter = parameter;
  }

  public String reason() {
    return reason;
  }

  public String parameter() {
    return parameter;
  }
}
