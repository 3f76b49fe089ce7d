package org.shimwatch.web;

/**
 * A change that cannot be made as asked (a malformed slug, a version that is not one, a status only
 * the server sets). Nothing was changed; the message is for the maintainer.
 */
public sealed class ChangeRefused extends Refusal permits AlreadyExists {

  private static final long serialVersionUID = 1L;

  /**
   * @param reason stable reason code, e.g. {@code invalid-slug}
   * @param message a sentence for people
   */
  public ChangeRefused(String reason, String message) {
    super(reason, message);
  }
}
