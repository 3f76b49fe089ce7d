package org.shimwatch.probe.assemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.shimwatch.probe.FileTrees;
import org.shimwatch.probe.environment.ContractFields;
import org.shimwatch.probe.environment.LinuxEnvironment;
import org.shimwatch.probe.spool.SpoolContents;
import org.shimwatch.probe.spool.SpoolReader;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Trap;

/**
 * Evidence of a client run on this Linux machine: its environment, and the shim's spool (read only
 * when metrics or traps are asked for, so never at level 1). It owns the clean-up of the spool it
 * read: once the report is queued the files that went into it are removed, and a spool made for one
 * run goes whole when the evidence is closed.
 */
public final class LinuxRunEvidence implements Evidence {

  /** Whose spool directory it is, which says what goes once it has been used. */
  public enum SpoolOwner {
    /**
     * Made for this one run ({@code shimwatch run}): removed whole when the evidence is closed,
     * whether or not a report was queued.
     */
    THIS_RUN,
    /**
     * The user's ({@code submit --spool DIR}), where other clients may still write: only the files
     * that went into a queued report are removed.
     */
    USER
  }

  private final LinuxEnvironment linux;
  private final Environment.Client client;
  private final Environment.Runtime runtime;
  private final Environment.InstallMode installMode;
  private final Supplier<String> shimVersion;
  private final Path spool;
  private final SpoolOwner owner;
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
   * @param owner whose spool directory it is
   * @param durationMs the run's wall time, overriding what the snapshots span; or {@code null}
   */
  public LinuxRunEvidence(
      LinuxEnvironment linux,
      Environment.Client client,
      Environment.Runtime runtime,
      Environment.InstallMode installMode,
      Supplier<String> shimVersion,
      Path spool,
      SpoolOwner owner,
      Long durationMs) {
    this.linux = linux;
    this.client = client;
    this.runtime = runtime;
    this.installMode = installMode;
    this.shimVersion = shimVersion;
    this.spool = spool;
    this.owner = owner;
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

  /** Removes the spool files that went into the report; a file that stays is read again later. */
  @Override
  public void queued() {
    if (contents == null) {
      return;
    }
    for (Path f : contents.files()) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // Left in the spool: the next submit would count it again, but nothing is lost.
      }
    }
  }

  /** Removes a spool made for this run, with whatever is left in it. */
  @Override
  public void close() {
    if (spool == null || owner != SpoolOwner.THIS_RUN) {
      return;
    }
    try {
      FileTrees.delete(spool);
    } catch (IOException e) {
      // A leftover run directory holds only this run's spool files; nothing reads them again.
    }
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
