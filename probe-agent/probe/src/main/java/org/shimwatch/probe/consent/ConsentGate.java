package org.shimwatch.probe.consent;

import java.util.Map;
import org.shimwatch.report.Report;

/**
 * What the consent in force allows: the one place that says which level allows what. The CLI's
 * commands, the embedding API and the javaagent (through the embedding API) ask this gate, never a
 * level number, so a rule changed here changes for all of them.
 *
 * @param consent the stored consent (for the installation id and secret)
 * @param level the level in force: the stored one, or 0 when the environment forces it
 */
public record ConsentGate(Consent consent, ConsentLevel level) {

  /**
   * The gate for a stored consent under these environment variables (DO_NOT_TRACK and the like).
   */
  public static ConsentGate of(Consent consent, Map<String, String> environment) {
    return new ConsentGate(consent, consent.effectiveLevel(environment));
  }

  /**
   * Whether a report may be assembled and queued, which writes files (level 1 and up). Below it
   * nothing is collected, written or sent.
   */
  public boolean allowsReports() {
    return level != ConsentLevel.NONE && consent.hasInstallation();
  }

  /**
   * Whether reports may carry call metrics, self-test results and traps without their details
   * (level 2 and up). Only then does the shim record into a spool, and only then is a spool read.
   */
  public boolean allowsMetrics() {
    return allowsReports() && level.allows(ConsentLevel.METRICS);
  }

  /** Whether traps may carry frames, registers and the last calls before them (level 3). */
  public boolean allowsTrapDetails() {
    return allowsReports() && level.allows(ConsentLevel.DIAGNOSTICS);
  }

  /** Whether anything may be sent, which opens a connection (level 1 and up). */
  public boolean allowsSending() {
    return allowsReports();
  }

  /**
   * Whether this queued report may be sent now: not when it was assembled at a higher level than
   * the one in force (the user allowed more then; it waits, or is discarded when they lower it).
   */
  public boolean allowsSending(Report report) {
    return allowsSending() && report.consentLevel() <= level.number();
  }
}
