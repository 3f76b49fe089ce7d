package org.shimwatch.web;

/**
 * A query asked with a malformed parameter. The API answers it with 400 and the reason code; a page
 * shows the message.
 */
public final class BadQueryException extends Refusal {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  /**
   * @param reason stable reason code, e.g. {@code invalid-columns}
   * @param parameter the offending query parameter
   * @param message a sentence for people
   */
  public BadQueryException(String reason, String parameter, String message) {
    super(reason, message);
    this.parameter = parameter;
  }

  /**
   * A free-text query parameter: trimmed, at most {@code maxLength} characters, without control
   * characters; {@code null} when absent or blank.
   *
   * @throws BadQueryException ({@code invalid-filter}) when it is too long or holds a control
   *     character
   */
  public static String text(String parameter, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > maxLength) {
      throw new BadQueryException(
          "invalid-filter", parameter, parameter + " is longer than " + maxLength + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw new BadQueryException(
            "invalid-filter", parameter, parameter + " holds a control character");
      }
    }
    return v;
  }

  public String parameter() {
    return parameter;
  }
}
