package org.shimwatch.shim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One stack self-test of the shim library: what {@link NativeShim#selfTests()} lists and {@link
 * SelfTestBattery} runs. The checks and their rules are documented in {@code shimwatch.h}
 * ("SELF-TESTS").
 *
 * @param id stable id, matching {@code ^[a-z0-9][a-z0-9-]{0,63}$}, e.g. {@code select-readiness}
 * @param title one line saying what the check shows
 * @param budget the longest the check takes when every wait in it runs to its timeout
 */
public record SelfTestInfo(String id, String title, Duration budget) {

  private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

  /**
   * The checks this version of the library has, in the order they run. The no-op fallback lists
   * these when the library cannot be loaded, so that every check still gets a ({@code skipped})
   * result; a test keeps this list equal to the library's own.
   */
  public static final List<SelfTestInfo> BUILT_IN =
      List.of(
          of("select-readiness", "pending data on a socket pair is reported readable at once", 500),
          of("timeout-accuracy", "select and poll time out on time on an idle socket", 2200),
          of(
              "nonblocking-connect",
              "a non-blocking connect to a loopback listener becomes writable",
              1600),
          of("many-descriptors", "256 sockets: exactly the readable ones are reported", 500),
          of(
              "select-fd-setsize",
              "select on a descriptor at or above FD_SETSIZE is counted, no harm done",
              500),
          of("select-non-socket", "select on a regular file, a pipe and a tty", 700),
          of("fork-inheritance", "a forked child uses its parent's socket", 1600),
          of("select-eintr", "a signal interrupts a blocking select with EINTR", 1100),
          of(
              "bittorrent-stress",
              "2 threads, 64 socket pairs: every byte sent is seen readable",
              3500));

  public SelfTestInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(budget, "budget");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a self-test id: " + id);
    }
    if (budget.isNegative()) {
      throw new IllegalArgumentException("negative budget for " + id + ": " + budget);
    }
  }

  private static SelfTestInfo of(String id, String title, long budgetMs) {
    return new SelfTestInfo(id, title, Duration.ofMillis(budgetMs));
  }
}
