package org.shimwatch.cli;

/** Ends a command with an exit status and a message for the user (no stack trace). */
final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
