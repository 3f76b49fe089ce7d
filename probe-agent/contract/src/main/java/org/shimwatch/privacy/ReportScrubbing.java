package org.shimwatch.privacy;

import java.util.List;
import org.shimwatch.report.Report;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Trap;

/**
 * Applies a {@link Scrubber} to every free-text field of a report, and reduces every field that
 * names a file to its file name. The probe does this before queuing, the server again before
 * storing: a report from an older or foreign probe is cleaned all the same.
 */
public final class ReportScrubbing {

  /** Limits of the contract's free-text fields; scrubbing may lengthen text slightly. */
  static final int COMMENT_MAX = 4000;

  static final int SUMMARY_MAX = 500;
  static final int SYMBOL_MAX = 256;
  static final int NAME_MAX = 128;

  private ReportScrubbing() {}

  /** The report with its free text scrubbed and its file fields reduced to file names. */
  public static Report scrub(Report r, Scrubber s) {
    return new Report(
        r.schemaVersion(),
        r.reportId(),
        r.installationId(),
        r.consentLevel(),
        r.createdAt(),
        r.source(),
        r.period(),
        r.outcome(),
        cut(s.scrub(r.comment()), COMMENT_MAX),
        r.environment(),
        r.metrics(),
        r.traps() == null ? null : r.traps().stream().map(t -> scrub(t, s)).toList(),
        r.selfTests() == null ? null : r.selfTests().stream().map(t -> scrub(t, s)).toList());
  }

  static Trap scrub(Trap t, Scrubber s) {
    Trap.Process p = t.process();
    Trap.Process process = p == null ? null : new Trap.Process(name(p.name(), s), p.pid(), p.tid());
    List<Trap.Frame> frames =
        t.frames() == null
            ? null
            : t.frames().stream()
                .map(
                    f ->
                        new Trap.Frame(
                            name(f.module(), s),
                            f.object(),
                            f.offset(),
                            cut(s.scrub(f.symbol()), SYMBOL_MAX)))
                .toList();
    return new Trap(
        t.source(),
        t.time(),
        t.signal(),
        t.siCode(),
        t.trapNumber(),
        t.exceptionCode(),
        t.errorCode(),
        name(t.module(), s),
        t.object(),
        t.offset(),
        t.faultAddress(),
        process,
        t.revision(),
        frames,
        t.registers(),
        t.recentCalls(),
        t.location());
  }

  static SelfTestResult scrub(SelfTestResult t, Scrubber s) {
    return new SelfTestResult(
        t.id(), t.result(), cut(s.scrub(t.summary()), SUMMARY_MAX), t.durationMs(), t.values());
  }

  private static String name(String path, Scrubber s) {
    String n = Scrubber.fileName(path);
    if (n == null) {
      return null;
    }
    // Names allow no markup: "<user>.exe" becomes "user.exe", still a valid name.
    String scrubbed = cut(s.scrub(n).replace("<", "").replace(">", ""), NAME_MAX);
    return scrubbed.isEmpty() ? "unknown" : scrubbed;
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
