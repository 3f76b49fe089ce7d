package org.shimwatch.probe;

import java.time.Instant;
import java.util.UUID;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportValidator;

/** Valid reports for tests, from the contract's own examples. */
public final class SampleReports {

  private SampleReports() {}

  /** The aria2c example (level 2) with a fresh report id. */
  public static Report aria2c() {
    return withNewId(parse("linux-aria2c-works"));
  }

  /** The level-1 example with a fresh report id. */
  public static Report level1() {
    return withNewId(parse("level1-environment-only"));
  }

  static Report parse(String name) {
    try {
      return ReportValidator.instance().parse(ReportExamples.text(name));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Report withNewId(Report r) {
    return new Report(
        r.schemaVersion(),
        UUID.randomUUID(),
        r.installationId(),
        r.consentLevel(),
        Instant.parse("2026-11-20T14:03:12Z"),
        r.source(),
        r.period(),
        r.outcome(),
        r.comment(),
        r.environment(),
        r.metrics(),
        r.traps(),
        r.selfTests());
  }
}
