package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.shimwatch.report.Environment;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.report.Source;
import org.shimwatch.report.Trap;

/**
 * Puts what the parsers produce into a level-3 report and runs the contract's validator on it:
 * every trap and environment the diagnostics produce must be something the probe could send and the
 * server would store.
 */
public final class ContractCheck {

  /** The client a test report names; no artefact names one. */
  public static final Environment.Client CLIENT = new Environment.Client("BitTorrent", "3.4.2");

  private ContractCheck() {}

  /** Fails the test unless a report carrying this environment and these traps is valid. */
  public static Report assertValid(Environment environment, List<Trap> traps) {
    Environment env =
        environment != null
            ? withClient(environment)
            : new Environment(
                new Environment.Os("os2", null, null, null, null), null, null, null, CLIENT, null);
    Report report =
        new Report(
            Report.SCHEMA_VERSION,
            UUID.randomUUID(),
            UUID.randomUUID(),
            3,
            Instant.parse("2026-11-25T12:00:00Z"),
            Source.MANUAL,
            null,
            traps.isEmpty() ? Outcome.UNKNOWN : Outcome.TRAPS,
            null,
            env,
            null,
            traps.isEmpty() ? null : traps,
            null);
    try {
      return ReportValidator.instance().check(report);
    } catch (InvalidReportException e) {
      return fail(
          "not a valid report: " + e.violations() + "\nenvironment: " + env + "\ntraps: " + traps);
    }
  }

  /** Fails the test unless everything an inspection understood passes the contract. */
  public static void assertValid(Inspection inspection) {
    FoldedDiagnostics combined = inspection.combined();
    assertValid(combined.environment(), combined.traps());
    for (Artefact a : inspection.artefacts()) {
      assertValid(null, a.traps());
    }
  }

  private static Environment withClient(Environment e) {
    return new Environment(e.os(), e.stack(), e.fixes(), e.runtime(), CLIENT, e.shim());
  }
}
