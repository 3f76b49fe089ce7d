package org.shimwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.assemble.Evidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.report.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch submit}: makes a report from a spool or OS/2 artefacts, queues and sends it. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a report about a client run (from a shim spool, or from OS/2 artefacts), queues it"
          + " and sends it, with everything else waiting. With --pending, only sends what waits,"
          + " now, even if the last failure said to wait.",
      "Nothing happens at consent level 0. 'shimwatch preview' shows the same report without"
          + " queuing it."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:queued and sent (or nothing waited)",
      "1:the report could not be made or written, or the server refused a report for good (it"
          + " was moved to rejected/: shimwatch history --rejected)",
      "2:bad flags, an unreadable file, or a damaged config or consent file",
      "3:consent is level 0: nothing was collected",
      "4:queued, but not sent yet: it is retried later (shimwatch status says why)"
    })
final class SubmitCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Mixin ReportOptions report = new ReportOptions();

  @Mixin EvidenceOptions evidence = new EvidenceOptions();

  @Option(names = "--pending", description = "only send the reports already queued")
  boolean pending;

  @Override
  public Integer call() {
    PrintWriter err = cli.spec.commandLine().getErr();
    Probe probe = cli.probe(server);
    ConsentGate gate = ShimwatchCli.gate(probe);
    if (!gate.allowsReports()) {
      err.println(
          "shimwatch: consent is level 0, so nothing is collected or sent (shimwatch consent --help)");
      return ExitCodes.NO_CONSENT;
    }
    if (!pending) {
      try (Evidence e = evidence.evidence(probe, EvidenceOptions.client(report), cli, err)) {
        OutcomePrompt.Answer answer = Reporting.outcome(report, cli, err);
        Reporting.queue(
            probe,
            gate,
            new ReportAssembler.Subject(Source.CLI, answer.outcome(), answer.comment(), null),
            e,
            err);
      }
    }
    // Runs whose background finisher was stopped before it queued their reports.
    FinishRunCommand.leftovers(cli, probe.state().runs(), err);
    return Reporting.send(probe, gate, err);
  }
}
