package org.shimwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.outbox.FileReportQueue.ArchivedReport;
import org.shimwatch.probe.outbox.KnownIssue;
import org.shimwatch.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch history}: what was sent, with the server's receipts. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the reports sent from this machine (the last 200 are kept), oldest first, with the"
          + " server's receipts. --show ID prints one exactly as it was sent; --rejected lists the"
          + " reports the server refused, with its reasons."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:listed", "1:--show names no report in the archive", "2:bad flags"})
final class HistoryCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--rejected", description = "list the reports the server refused")
  boolean rejected;

  @Option(
      names = "--show",
      paramLabel = "ID",
      description = "print the report with this id (or id prefix)")
  String show;

  /** The server's address, before a known issue's link (a path on it). */
  private String base = "";

  @Override
  public Integer call() {
    PrintWriter out = cli.spec.commandLine().getOut();
    Probe probe = cli.probe(server);
    base =
        probe.settings().server() == null
            ? ""
            : probe.settings().server().toString().replaceAll("/+$", "");
    List<ArchivedReport> list = rejected ? probe.queue().rejected() : probe.queue().history();
    if (show != null) {
      for (ArchivedReport a : list) {
        // Archive names are "<16 digits>-<report id>.json".
        if (a.file().getFileName().toString().substring(17).startsWith(show.strip())) {
          try {
            out.println(Files.readString(a.file(), StandardCharsets.UTF_8));
            return ExitCodes.OK;
          } catch (IOException e) {
            throw new CliFailure(
                ExitCodes.FAILED, a.file() + ": cannot be read (" + e.getMessage() + ")");
          }
        }
      }
      throw new CliFailure(
          ExitCodes.FAILED, "no " + (rejected ? "rejected" : "sent") + " report with id " + show);
    }
    if (list.isEmpty()) {
      out.println(rejected ? "no report was refused" : "nothing sent yet");
    }
    for (ArchivedReport a : list) {
      out.println(line(a));
    }
    return ExitCodes.OK;
  }

  private String line(ArchivedReport a) {
    StringBuilder s = new StringBuilder();
    s.append(a.at() != null ? a.at() : a.queuedAt()).append("  ");
    Report r = a.report();
    if (r == null) {
      return s.append(a.file().getFileName()).append("  (unreadable)").toString();
    }
    s.append(r.reportId()).append("  ").append(r.outcome().wireName());
    s.append("  ").append(r.environment().client().name());
    if (r.environment().client().version() != null) {
      s.append(' ').append(r.environment().client().version());
    }
    s.append("  level ").append(r.consentLevel());
    if (rejected) {
      s.append("  refused: ").append(a.reason() != null ? a.reason() : "HTTP " + a.status());
    } else if (a.receipt() != null) {
      s.append("  received ").append(a.receipt().receivedAt());
      if (a.receipt().duplicate()) {
        s.append(" (already had it)");
      }
      if (r.consentLevel() >= ConsentLevel.DIAGNOSTICS.number()) {
        for (KnownIssue k : a.receipt().knownIssues()) {
          s.append(System.lineSeparator()).append("    known issue: ").append(k.title());
          if (k.workaround() != null) {
            s.append(" \u2014 workaround: ").append(k.workaround());
          }
          if (k.fixedIn() != null) {
            s.append(" (fixed in ").append(k.fixedIn()).append(')');
          }
          if (k.link() != null) {
            s.append(' ').append(base).append(k.link());
          }
        }
      }
    } else {
      s.append("  (no receipt kept)");
    }
    return s.toString();
  }
}
