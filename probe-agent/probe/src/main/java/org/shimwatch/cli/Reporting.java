package org.shimwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.assemble.Evidence;
import org.shimwatch.probe.assemble.LinuxRunEvidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.outbox.FileReportQueue.QueuedReport;
import org.shimwatch.probe.outbox.KnownIssue;
import org.shimwatch.probe.upload.OutboxUploader;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Outcome;

/** Queuing and sending as {@code run} and {@code submit} do it, with what they tell the user. */
final class Reporting {

  /**
   * No waiting between attempts in front of the user: each report gets one attempt (bounded by the
   * sender's connect and answer timeouts); after a failure the backoff is recorded, and the next
   * command, or {@code submit --pending}, goes on.
   */
  static final Duration SEND_BUDGET = Duration.ZERO;

  private Reporting() {}

  /** The outcome given, else asked at a terminal, else {@code unknown}. */
  static OutcomePrompt.Answer outcome(ReportOptions r, ShimwatchCli cli, PrintWriter err) {
    Outcome given = r.outcome();
    if (given != null) {
      return new OutcomePrompt.Answer(given, r.comment);
    }
    if (cli.interactive) {
      return OutcomePrompt.ask(err, r.comment);
    }
    return new OutcomePrompt.Answer(Outcome.UNKNOWN, r.comment);
  }

  /**
   * Assembles and queues a report (the evidence then removes the spool files that went into it).
   *
   * @throws CliFailure when the report cannot be made or written
   */
  static QueuedReport queue(
      Probe probe,
      ConsentGate gate,
      ReportAssembler.Subject subject,
      Evidence evidence,
      PrintWriter err) {
    QueuedReport q;
    try {
      q = probe.assembleAndQueue(gate, subject, evidence);
    } catch (InvalidReportException e) {
      throw new CliFailure(
          ExitCodes.FAILED,
          "the report would not be valid, so nothing was queued: " + e.getMessage());
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.FAILED,
          "cannot write to the outbox " + probe.state().outbox() + ": " + e.getMessage());
    }
    if (evidence instanceof LinuxRunEvidence run) {
      run.warnings().forEach(w -> err.println("shimwatch: spool: " + w));
    }
    err.println(
        "shimwatch: queued report "
            + q.report().reportId()
            + " (level "
            + q.report().consentLevel()
            + ")");
    return q;
  }

  /**
   * Sends what waits and says how it went: {@link ExitCodes#FAILED} when the server refused a
   * report for good, else {@link ExitCodes#QUEUED} when a report still waits, else {@link
   * ExitCodes#OK}. Each command with a new report tries at once, whatever the last failure said,
   * but never before a busy server's {@code Retry-After} has passed.
   */
  static int send(Probe probe, ConsentGate gate, PrintWriter err) {
    OutboxUploader.Result r = probe.send(gate, SEND_BUDGET, true);
    if (r.sent() > 0) {
      err.println("shimwatch: sent " + r.sent() + " report(s)");
    }
    if (r.rejected() > 0) {
      err.println(
          "shimwatch: the server refused "
              + r.rejected()
              + " report(s) for good; see shimwatch history --rejected");
    }
    if (r.waiting() > 0) {
      err.println(
          "shimwatch: "
              + r.waiting()
              + " report(s) still queued"
              + (r.stopped() != null ? ": " + r.stopped() : "")
              + " (shimwatch status)");
    }
    for (String line : knownIssues(r, gate, probe.settings().server())) {
      err.println(line);
    }
    if (r.rejected() > 0) {
      return ExitCodes.FAILED;
    }
    return r.waiting() > 0 ? ExitCodes.QUEUED : ExitCodes.OK;
  }

  /**
   * The closing lines for known issues: what the server's receipts said of the trap groups of the
   * reports sent just now, each issue once, in the words of {@code known issue: TITLE — workaround:
   * LINE (fixed in V) LINK}. Only for reports that carried trap details (level 3) while the user
   * still allows them; a report not sent (level below 3, {@code --no-send}) has no receipt, so
   * nothing is said.
   */
  static List<String> knownIssues(OutboxUploader.Result r, ConsentGate gate, URI server) {
    List<String> out = new ArrayList<>();
    if (!gate.allowsTrapDetails()) {
      return out;
    }
    Set<KnownIssue> seen = new LinkedHashSet<>();
    for (OutboxUploader.Delivered d : r.delivered()) {
      if (d.consentLevel() >= ConsentLevel.DIAGNOSTICS.number()) {
        seen.addAll(d.receipt().knownIssues());
      }
    }
    String base = server == null ? "" : server.toString().replaceAll("/+$", "");
    for (KnownIssue k : seen) {
      StringBuilder line = new StringBuilder("shimwatch: known issue: ").append(k.title());
      if (k.workaround() != null) {
        line.append(" \u2014 workaround: ").append(k.workaround());
      }
      if (k.fixedIn() != null) {
        line.append(" (fixed in ").append(k.fixedIn()).append(')');
      }
      if (k.link() != null) {
        line.append(' ').append(base).append(k.link());
      }
      out.add(line.toString());
    }
    return out;
  }
}
