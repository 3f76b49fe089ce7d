package org.shimwatch.probe.assemble;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.shimwatch.privacy.ReportScrubbing;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportIds;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Source;
import org.shimwatch.report.Trap;

/**
 * Builds a report level by level, as the {@link ConsentGate} allows: the environment at level 1;
 * metrics, self-test results and traps at level 2, traps without details; trap details at level 3.
 * What the gate does not allow is never asked of the {@link Evidence}. A report keeps the newest
 * {@link Trap#MAX_PER_REPORT} traps ({@link Trap#newest}). The result is scrubbed (home paths, user
 * and host names, addresses); the outbox checks it against contract v1 when it is queued.
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
   * @param reportId the report's id when it was chosen before (a run finished again after its
   *     finisher was killed), or {@code null} for a new one
   */
  public record Subject(
      Source source, Outcome outcome, String comment, Report.Period period, UUID reportId) {

    /** A subject whose report gets a new id. */
    public Subject(Source source, Outcome outcome, String comment, Report.Period period) {
      this(source, outcome, comment, period, null);
    }
  }

  /**
   * Assembles and scrubs one report.
   *
   * @param gate what the consent in force allows (and the installation id)
   * @throws IllegalStateException when the gate allows no report: none is assembled then
   */
  public Report assemble(ConsentGate gate, Subject subject, Evidence evidence, Scrubber scrubber) {
    if (!gate.allowsReports()) {
      throw new IllegalStateException("consent level 0: no report is assembled");
    }
    Metrics metrics = null;
    List<Trap> traps = null;
    List<SelfTestResult> selfTests = null;
    if (gate.allowsMetrics()) {
      metrics = evidence.metrics();
      List<SelfTestResult> s = evidence.selfTests();
      selfTests = s == null || s.isEmpty() ? null : s;
      boolean details = gate.allowsTrapDetails();
      List<Trap> t = evidence.traps(details);
      if (t != null && !t.isEmpty()) {
        // Belt and braces: even evidence that ignores the flag cannot put details in.
        traps = Trap.newest(details ? t : t.stream().map(Trap::withoutDetails).toList());
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
            subject.reportId() != null ? subject.reportId() : ReportIds.next(created),
            gate.consent().installationId(),
            gate.level().number(),
            created,
            subject.source(),
            subject.period(),
            subject.outcome(),
            comment,
            environment,
            metrics,
            traps,
            selfTests);
    return ReportScrubbing.scrub(report, scrubber);
  }
}
