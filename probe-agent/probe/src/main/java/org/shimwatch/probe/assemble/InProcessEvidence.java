package org.shimwatch.probe.assemble;

import java.util.ArrayList;
import java.util.List;
import org.shimwatch.probe.environment.ContractFields;
import org.shimwatch.probe.environment.LinuxEnvironment;
import org.shimwatch.probe.spool.SpoolReader;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Trap;
import org.shimwatch.shim.NativeShim;

/**
 * Evidence of the process the probe is embedded in (the library or the javaagent): this machine's
 * environment with the JVM as runtime, and the counters of the shim when it was preloaded into this
 * process, read through the JNA binding. Traps of a JVM are its own business (hs_err files), so
 * there are none here.
 */
public final class InProcessEvidence implements Evidence {

  private final LinuxEnvironment linux;
  private final Environment.Client client;
  private final NativeShim shim;
  private final List<String> warnings = new ArrayList<>();
  private boolean metricsTaken;

  /**
   * @param linux the environment collector
   * @param client the client the host says it is
   * @param shim the preloaded shim, or a shim that is not loaded when there is none
   */
  public InProcessEvidence(LinuxEnvironment linux, Environment.Client client, NativeShim shim) {
    this.linux = linux;
    this.client = client;
    this.shim = shim;
  }

  @Override
  public Environment environment() {
    Environment.Shim s =
        shim.isLoaded()
            ? new Environment.Shim(
                ContractFields.version(shim.version().orElse(null)),
                Environment.InstallMode.PRELOAD)
            : new Environment.Shim(null, Environment.InstallMode.NONE);
    return linux.collect(client, LinuxEnvironment.jvmRuntime(), s);
  }

  @Override
  public Metrics metrics() {
    if (!shim.isLoaded() || !shim.isEnabled()) {
      return null;
    }
    metricsTaken = true;
    return shim.snapshotJson()
        .map(json -> new SpoolReader().snapshotMetrics(json, warnings))
        .orElse(null);
  }

  @Override
  public List<Trap> traps(boolean details) {
    return List.of();
  }

  /** Whether the shim's counters went into the report (so they should be reset). */
  public boolean metricsTaken() {
    return metricsTaken;
  }

  /** Problems with the shim's snapshot, if any. */
  public List<String> warnings() {
    return warnings;
  }
}
