package org.shimwatch.probe.consent;

/** The consent file exists but cannot be read or makes no sense; the message says which and why. */
public final class ConsentFileException extends Exception {

  private static final long serialVersionUID = 1L;

  public ConsentFileException(String message) {
    super(message);
  }
}
