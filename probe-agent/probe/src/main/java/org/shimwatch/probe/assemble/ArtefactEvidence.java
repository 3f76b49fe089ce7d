package org.shimwatch.probe.assemble;

import java.util.List;
import org.shimwatch.diagnostics.FoldedDiagnostics;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Trap;

/**
 * Evidence from OS/2 artefacts a user gave (SYSLEVEL files, {@code syslevel} output, POPUPLOG.OS2,
 * trap screens, EXCEPTQ reports, CONFIG.SYS), as the diagnostics readers folded them: the OS/2
 * environment, and traps (their details only at level 3). No metrics: there is no shim spool.
 */
public final class ArtefactEvidence implements Evidence {

  private final FoldedDiagnostics folded;
  private final Environment environment;

  /**
   * @param folded what the artefacts add up to; its environment must not be {@code null}
   * @param client the network client the user names
   */
  public ArtefactEvidence(FoldedDiagnostics folded, Environment.Client client) {
    if (folded.environment() == null) {
      throw new IllegalArgumentException("the artefacts describe no environment");
    }
    this.folded = folded;
    this.environment = folded.environmentFor(client);
  }

  /**
   * @param folded what the artefacts add up to: their traps go into the report
   * @param environment the environment as the user completed it (client, choices where the
   *     artefacts disagree, versions they did not say)
   */
  public ArtefactEvidence(FoldedDiagnostics folded, Environment environment) {
    if (environment == null) {
      throw new IllegalArgumentException("the artefacts describe no environment");
    }
    this.folded = folded;
    this.environment = environment;
  }

  @Override
  public Environment environment() {
    return environment;
  }

  @Override
  public Metrics metrics() {
    return null;
  }

  @Override
  public List<Trap> traps(boolean details) {
    return details ? folded.traps() : folded.traps().stream().map(Trap::withoutDetails).toList();
  }
}
