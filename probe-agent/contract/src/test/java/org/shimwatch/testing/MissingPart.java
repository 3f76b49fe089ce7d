package org.shimwatch.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for a test that needs a part this machine may lack (a client such as aria2c,
 * PostgreSQL, Chromium): on a developer's machine it is skipped with a message saying what is
 * missing and how to get it; under {@code CI=true}, where .ci/run has installed everything, the
 * same absence fails the test, so nothing is silently skipped there. Shared with the probe's and
 * the server's tests through this module's test jar.
 */
public final class MissingPart {

  private MissingPart() {}

  /**
   * Skips the calling test, or fails it under {@code CI=true}.
   *
   * @param message what is missing and where it comes from
   */
  public static void skipOrFail(String message) {
    if (inCi()) {
      fail("CI=true, and " + message);
    }
    Assumptions.abort(message);
  }

  /** Whether this run is CI's, where every part must be there. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
