package org.shimwatch.cli;

/** The exit statuses of {@code shimwatch} commands ({@code run} returns the client's own). */
final class ExitCodes {

  /** It worked. */
  static final int OK = 0;

  /** It failed; the message says why. */
  static final int FAILED = 1;

  /** Bad flags, or a settings, consent or input file that cannot be used; nothing was changed. */
  static final int USAGE = 2;

  /** Consent is level 0 (or forced off by the environment): nothing was collected. */
  static final int NO_CONSENT = 3;

  /** The report was queued but could not be sent yet; it stays queued and is retried. */
  static final int QUEUED = 4;

  /** {@code run}: the command was not found (as shells report it). */
  static final int NOT_FOUND = 127;

  /** {@code run}: the command could not be executed (as shells report it). */
  static final int NOT_EXECUTABLE = 126;

  /** The common part of every command's help. */
  static final String[] COMMON = {
    "0:it worked",
    "1:it failed; the message says why",
    "2:bad flags, or a config, consent or input file that cannot be used (nothing was changed)"
  };

  private ExitCodes() {}
}
