package org.shimwatch.probe.assemble;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.shimwatch.probe.environment.ContractFields;
import org.shimwatch.probe.environment.LinuxEnvironment;
import org.shimwatch.probe.spool.SpoolContents;
import org.shimwatch.probe.spool.SpoolReader;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Trap;

/**
 * Evidence of a client run on this Linux machine: its environment, and the shim's spool (read only
 * when metrics or traps are asked for, so never at level 1).
 */
public final class LinuxRunEvidence implements Evidence {

  private final LinuxEnvironment linux;
  private final Environment.Client client;
  private final Environment.Runtime runtime;
  private final Environment.InstallMode installMode;
  private final Supplier<String> shimVersion;
  private final Path spool;
  private final Long durationMs;
  private final List<String> warnings = new ArrayList<>();
  private SpoolContents contents;
  private boolean readWithDetails;

  /**
   * @param linux the environment collector
   * @param client the client
   * @param runtime the client's runtime, or {@code null}
   * @param installMode how the shim was put in place
   * @param shimVersion the shim's version when no spool file says it (asked at most once)
   * @param spool the spool directory, or {@code null} for none
   * @param durationMs the run's wall time, overriding what the snapshots span; or {@code null}
   */
  public LinuxRunEvidence(
      LinuxEnvironment linux,
      Environment.Client client,
      Environment.Runtime runtime,
      Environment.InstallMode installMode,
      Supplier<String> shimVersion,
      Path spool,
      Long durationMs) {
    this.linux = linux;
    this.client = client;
    this.runtime = runtime;
    this.installMode = installMode;
    this.shimVersion = shimVersion;
    this.spool = spool;
    this.durationMs = durationMs;
  }

  @Override
  public Environment environment() {
    String version = contents != null ? contents.shimVersion() : null;
    if (version == null && installMode.shimActive()) {
      version = shimVersion.get();
    }
    Environment.Shim shim = new Environment.Shim(ContractFields.version(version), installMode);
    return linux.collect(client, runtime, shim);
  }

  @Override
  public Metrics metrics() {
    Metrics m = spool(false).metrics();
    if (m != null && durationMs != null) {
      m = new Metrics(durationMs, m.processes(), m.calls());
    }
    return m;
  }

  @Override
  public List<Trap> traps(boolean details) {
    return spool(details).traps();
  }

  /** The spool files that went into the report, to remove once it is queued. */
  public List<Path> usedFiles() {
    return contents == null ? List.of() : contents.files();
  }

  /** Spool files that were skipped, and why. */
  public List<String> warnings() {
    return warnings;
  }

  private SpoolContents spool(boolean details) {
    if (contents == null || (details && !readWithDetails)) {
      contents = read(details);
      readWithDetails = details;
    }
    return contents;
  }

  private SpoolContents read(boolean details) {
    if (spool == null) {
      return SpoolContents.empty();
    }
    SpoolContents c = new SpoolReader().read(spool, details);
    warnings.clear();
    warnings.addAll(c.warnings());
    return c;
  }
}
