package org.shimwatch.server.alerts;

import java.time.Duration;

/** Waits between tries of a delivery: doubling from the first, capped. */
final class Backoff {

  private Backoff() {}

  /**
   * The wait after a failed try.
   *
   * @param triesDone tries made so far, at least one
   */
  static Duration after(int triesDone, Duration first, Duration max) {
    if (triesDone < 1) {
      throw new IllegalArgumentException("no try made yet");
    }
    Duration wait = first;
    for (int i = 1; i < triesDone && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
