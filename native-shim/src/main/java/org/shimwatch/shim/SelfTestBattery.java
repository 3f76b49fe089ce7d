package org.shimwatch.shim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs the shim library's stack self-tests in order, in the calling thread and this process, and
 * keeps the whole battery within a deadline.
 *
 * <p>Each result is one JSON object in the report contract's {@code selfTest} shape:
 *
 * <pre>{@code
 * {"id":"timeout-accuracy","result":"pass","summary":"10 ms timeouts overshoot by 71 us ...",
 *  "durationMs":1012,"values":{"selectOvershootP50Us":71.2,"selectOvershootP99Us":160.4}}
 * }</pre>
 *
 * <p>{@code result} is {@code pass}, {@code fail}, {@code known-limitation} or {@code skipped};
 * {@code summary} is one line of at most 500 characters; {@code values} holds at most 32 numbers
 * and may be empty. A check is skipped, not run, when its {@link SelfTestInfo#budget() budget} no
 * longer fits in what is left of the deadline, when the thread was interrupted, or when the library
 * reports an error for it; with the {@link UnavailableNativeShim no-op fallback} every check is
 * skipped with the reason the library could not be loaded. The budgets of all checks add up to less
 * than {@link #DEFAULT_DEADLINE}, so with the default every check runs; a typical battery takes
 * about 4 s.
 *
 * <p>The checks make socket calls through the shim (they appear in its snapshot), fork a child and
 * briefly install a handler for an otherwise unused real-time signal; they leave the process as
 * they found it. Instances are immutable; {@link #run} may be called repeatedly, but runs in
 * several threads at once take turns in the library.
 */
public final class SelfTestBattery {

  /** The bound the diagnostics issue sets for the whole battery. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(15);

  /** Told about each check as the battery goes, in the battery's thread. */
  public interface Listener {

    /**
     * A check is about to run (or to be reported skipped); it may take up to its budget.
     *
     * @param index position in the battery, from 0
     * @param count number of checks in the battery
     */
    default void started(SelfTestInfo test, int index, int count) {}

    /**
     * A check finished.
     *
     * @param resultJson its result, the JSON object described in {@link SelfTestBattery}
     * @param index position in the battery, from 0
     * @param count number of checks in the battery
     */
    void finished(SelfTestInfo test, String resultJson, int index, int count);
  }

  private final NativeShim shim;
  private final Duration deadline;
  private final LongSupplier nanoClock;

  /** A battery over {@code shim}'s checks with the {@link #DEFAULT_DEADLINE}. */
  public SelfTestBattery(NativeShim shim) {
    this(shim, DEFAULT_DEADLINE);
  }

  /** A battery over {@code shim}'s checks that starts no check its deadline cannot hold. */
  public SelfTestBattery(NativeShim shim, Duration deadline) {
    this(shim, deadline, System::nanoTime);
  }

  SelfTestBattery(NativeShim shim, Duration deadline, LongSupplier nanoClock) {
    this.shim = Objects.requireNonNull(shim, "shim");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("negative deadline: " + deadline);
    }
  }

  /** The checks, in the order {@link #run} runs them. */
  public List<SelfTestInfo> tests() {
    return shim.selfTests();
  }

  /** Runs every check; returns their results, as JSON, in battery order. */
  public List<String> run() {
    return run((test, resultJson, index, count) -> {});
  }

  /**
   * Runs every check, telling {@code listener} as each one starts and finishes; returns their
   * results, as JSON, in battery order. Blocks for as long as the checks take (within the
   * deadline); an exception thrown by the listener ends the battery and propagates.
   */
  public List<String> run(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    List<SelfTestInfo> tests = shim.selfTests();
    List<String> results = new ArrayList<>(tests.size());
    long start = nanoClock.getAsLong();
    for (int i = 0; i < tests.size(); i++) {
      SelfTestInfo test = tests.get(i);
      listener.started(test, i, tests.size());
      String json = runOne(test, Duration.ofNanos(nanoClock.getAsLong() - start));
      results.add(json);
      listener.finished(test, json, i, tests.size());
    }
    return List.copyOf(results);
  }

  private String runOne(SelfTestInfo test, Duration elapsed) {
    if (Thread.currentThread().isInterrupted()) {
      return SelfTestJson.skipped(test.id(), "not run: the battery was interrupted");
    }
    Duration left = deadline.minus(elapsed);
    if (test.budget().compareTo(left) > 0) {
      return SelfTestJson.skipped(
          test.id(),
          "not run: "
              + Math.max(0, left.toMillis())
              + " ms were left of the battery's "
              + deadline.toMillis()
              + " ms deadline, and the check may take "
              + test.budget().toMillis()
              + " ms");
    }
    try {
      return shim.runSelfTest(test.id());
    } catch (NativeShimException e) {
      return SelfTestJson.skipped(test.id(), "the check could not run: " + e.getMessage());
    }
  }
}
