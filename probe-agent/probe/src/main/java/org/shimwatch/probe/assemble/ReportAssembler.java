package org.shimwatch.probe.assemble;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.shimwatch.privacy.ReportScrubbing;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.report.Environment;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportIds;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Source;
import org.shimwatch.report.Trap;

/**
 * Builds a report level by level: the environment at level 1; metrics and traps at level 2, traps
 * without details; trap details at level 3. What a level does not allow is never asked of the
 * {@link Evidence}. The result is scrubbed (home paths, user and host names, addresses) and checked
 * against contract v1 before anyone can queue it.
 */
public final class ReportAssembler {

  private final Clock clock;

  public ReportAssembler(Clock clock) {
    this.clock = clock;
  }

  /**
   * What the report says besides the evidence.
   *
   * @param source what assembles it
   * @param outcome what the user says happened
   * @param comment the user's comment, or {@code null}
   * @param period the time periodic metrics cover, or {@code null}
   */
  public record Subject(Source source, Outcome outcome, String comment, Report.Period period) {}

  /**
   * Assembles, scrubs and checks one report.
   *
   * @param consent the stored consent (for the installation id)
   * @param level the level in force, not {@link ConsentLevel#NONE}
   * @throws IllegalStateException at level 0: no report is assembled then
   * @throws InvalidReportException when the result breaks the contract
   */
  public Report assemble(
      Consent consent, ConsentLevel level, Subject subject, Evidence evidence, Scrubber scrubber)
      throws InvalidReportException {
    if (level == ConsentLevel.NONE || !consent.hasInstallation()) {
      throw new IllegalStateException("consent level 0: no report is assembled");
    }
    Metrics metrics = null;
    List<Trap> traps = null;
    List<SelfTestResult> selfTests = null;
    if (level.allows(ConsentLevel.METRICS)) {
      metrics = evidence.metrics();
      List<SelfTestResult> s = evidence.selfTests();
      selfTests = s == null || s.isEmpty() ? null : s;
      boolean details = level.allows(ConsentLevel.DIAGNOSTICS);
      List<Trap> t = evidence.traps(details);
      if (t != null && !t.isEmpty()) {
        // Belt and braces: even evidence that ignores the flag cannot put details in.
        traps = details ? t : t.stream().map(Trap::withoutDetails).toList();
      }
    }
    // Asked last, so that evidence can take the shim's version from the files it has just read.
    Environment environment = evidence.environment();
    String comment =
        subject.comment() == null || subject.comment().isBlank() ? null : subject.comment().strip();
    Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Report report =
        new Report(
            Report.SCHEMA_VERSION,
            ReportIds.next(created),
            consent.installationId(),
            level.number(),
            created,
            subject.source(),
            subject.period(),
            subject.outcome(),
            comment,
            environment,
            metrics,
            traps,
            selfTests);
    return ReportValidator.instance().check(ReportScrubbing.scrub(report, scrubber));
  }
}
