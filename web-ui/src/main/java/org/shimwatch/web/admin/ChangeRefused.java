package org.shimwatch.web.admin;

/**
 * A change a maintainer asked for that cannot be made as asked (a malformed slug, a taken name, a
 * version that is not one). Nothing was changed; the message is for the maintainer.
 */
public class ChangeRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param reason stable reason code, e.g. {@code invalid-slug}
   * @param message a sentence for people
   */
  public ChangeRefused(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
