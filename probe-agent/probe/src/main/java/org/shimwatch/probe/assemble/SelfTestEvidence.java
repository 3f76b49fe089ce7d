package org.shimwatch.probe.assemble;

import java.util.List;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Trap;

/**
 * The evidence of a {@code shimwatch doctor} run: the machine's environment and the stack self-test
 * results, and no call metrics or traps. The checks ran inside the probe's own process, so its
 * counters describe the checks, not a client, and are left out.
 */
public final class SelfTestEvidence implements Evidence {

  private final Evidence machine;
  private final List<SelfTestResult> results;

  /**
   * @param machine where the environment comes from
   * @param results the self-test results, in battery order
   */
  public SelfTestEvidence(Evidence machine, List<SelfTestResult> results) {
    this.machine = machine;
    this.results = List.copyOf(results);
  }

  @Override
  public Environment environment() {
    return machine.environment();
  }

  @Override
  public Metrics metrics() {
    return null;
  }

  @Override
  public List<Trap> traps(boolean details) {
    return List.of();
  }

  @Override
  public List<SelfTestResult> selfTests() {
    return results;
  }
}
