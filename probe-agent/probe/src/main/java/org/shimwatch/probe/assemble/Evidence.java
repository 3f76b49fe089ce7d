package org.shimwatch.probe.assemble;

import java.util.List;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Trap;

/**
 * Where a report's content comes from. {@link ReportAssembler} calls each method only at the
 * consent level that allows what it returns, so an implementation that collects lazily never
 * collects more than the user agreed to. Evidence that read files it owns (a shim spool) removes
 * them itself, in {@link #queued()} and {@link #close()}: no caller does.
 */
public interface Evidence extends AutoCloseable {

  /** Called at level 1 and up. */
  Environment environment();

  /** Called at level 2 and up; {@code null} when there are no metrics. */
  Metrics metrics();

  /**
   * Called at level 2 and up.
   *
   * @param details whether frames, registers and recent calls may be collected (level 3)
   * @return the traps, oldest first (a report keeps the newest of them)
   */
  List<Trap> traps(boolean details);

  /**
   * Called at level 2 and up; {@code null} when no stack self-tests were run (the default: only
   * {@code shimwatch doctor} runs them).
   */
  default List<SelfTestResult> selfTests() {
    return null;
  }

  /**
   * Called once the report made from this evidence is safely queued: what went into it is no longer
   * needed. The default keeps everything.
   */
  default void queued() {}

  /**
   * Called when the evidence is no longer used, whether or not a report was queued; never throws.
   */
  @Override
  default void close() {}
}
