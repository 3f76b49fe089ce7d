package org.shimwatch.probe;

/** A setting (flag, environment variable or config file line) that cannot be used, and why. */
public final class SettingsException extends Exception {

  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
