package org.shimwatch.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.assemble.Evidence;
import org.shimwatch.probe.assemble.LinuxRunEvidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.outbox.FileReportQueue;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch preview}: prints exactly what would be sent. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the report that 'submit' with the same options would send, at your consent level,"
          + " scrubbed and checked, without queuing or sending anything (the spool is left as it"
          + " is). With --queued, prints the reports waiting in the outbox: the exact bytes that"
          + " will be posted (gzip-compressed on the wire).",
      "The report is printed indented for reading; --exact prints it as the compact bytes sent."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:printed",
      "1:the report could not be made",
      "2:bad flags, an unreadable file, or a damaged config or consent file",
      "3:consent is level 0: no report is assembled, so there is nothing to show"
    })
final class PreviewCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Mixin ReportOptions report = new ReportOptions();

  @Mixin EvidenceOptions evidence = new EvidenceOptions();

  @Option(names = "--queued", description = "print the reports waiting in the outbox")
  boolean queued;

  @Option(names = "--exact", description = "print compact JSON, byte for byte what is sent")
  boolean exact;

  @Override
  public Integer call() {
    PrintWriter out = cli.spec.commandLine().getOut();
    PrintWriter err = cli.spec.commandLine().getErr();
    Probe probe = cli.probe(server);
    if (queued) {
      FileReportQueue.Listing l = probe.queue().pending();
      for (FileReportQueue.QueuedReport q : l.reports()) {
        printDocument(
            out,
            exact
                ? new String(q.body(), StandardCharsets.UTF_8)
                : ReportJson.writePretty(q.report()));
      }
      l.problems()
          .forEach(p -> err.println("shimwatch: " + p.file() + " " + p.message() + " (not sent)"));
      if (l.reports().isEmpty()) {
        err.println("shimwatch: the outbox is empty");
      }
      return ExitCodes.OK;
    }
    ConsentGate gate = ShimwatchCli.gate(probe);
    if (!gate.allowsReports()) {
      err.println("shimwatch: consent is level 0: no report is assembled, nothing would be sent");
      return ExitCodes.NO_CONSENT;
    }
    Outcome outcome = report.outcome();
    // Checked as the queue would check it, so what is shown is what submit would queue; preview
    // never queues, so no report is checked twice. The evidence keeps its spool: nothing queued.
    try (Evidence e = evidence.evidence(probe, EvidenceOptions.client(report), cli, err)) {
      FileReportQueue.Checked r =
          probe.preview(
              gate,
              new ReportAssembler.Subject(
                  Source.CLI, outcome == null ? Outcome.UNKNOWN : outcome, report.comment, null),
              e);
      printDocument(
          out,
          exact
              ? new String(r.body(), StandardCharsets.UTF_8)
              : ReportJson.writePretty(r.report()));
      if (e instanceof LinuxRunEvidence run) {
        run.warnings().forEach(w -> err.println("shimwatch: spool: " + w));
      }
      return ExitCodes.OK;
    } catch (InvalidReportException e) {
      throw new CliFailure(ExitCodes.FAILED, "the report would not be valid: " + e.getMessage());
    }
  }

  /**
   * One JSON document and its newline, flushed before any note goes to stderr: where both streams
   * reach one terminal or file, a note then starts on a line of its own and the JSON stays
   * parseable line by line.
   */
  private static void printDocument(PrintWriter out, String json) {
    out.write(json);
    out.write('\n');
    out.flush();
  }
}
