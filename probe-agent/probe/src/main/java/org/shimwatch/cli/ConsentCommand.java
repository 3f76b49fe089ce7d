package org.shimwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentFileException;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch consent}: shows or sets what may be sent. */
@Command(
    name = "consent",
    mixinStandardHelpOptions = true,
    description = {
      "Shows or sets how much Shimwatch may send.",
      "  0  nothing (the default): no report is assembled, no connection is made",
      "  1  outcome, comment and environment (OS, TCP/IP stack, fixes, client, shim)",
      "  2  level 1 plus call metrics (counts, latency histograms) and self-test results",
      "  3  level 2 plus trap details (call frames, registers, the last calls before a crash)",
      "The first opt-in makes a random installation id and a secret kept here, which lets"
          + " 'shimwatch forget' delete what was sent. Lowering the level discards queued reports"
          + " above it; level 0 discards every queued report."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:shown or set",
      "1:the consent file cannot be written",
      "2:bad level, or a damaged consent file"
    })
final class ConsentCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Option(names = "--level", paramLabel = "N", description = "0, 1, 2 or 3")
  Integer level;

  @Override
  public Integer call() {
    Probe probe = cli.probe(new ServerOptions());
    PrintWriter out = cli.spec.commandLine().getOut();
    Consent current = ShimwatchCli.consent(probe);
    if (level == null) {
      show(out, probe, current);
      return ExitCodes.OK;
    }
    ConsentLevel next;
    try {
      next = ConsentLevel.of(level);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "--level: " + e.getMessage());
    }
    Probe.ConsentChange change;
    try {
      change = probe.changeConsent(next);
    } catch (ConsentFileException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.FAILED,
          "cannot store consent in " + probe.consentStore().file() + ": " + e.getMessage());
    }
    out.println("consent: level " + next.number() + " (" + next.sends() + ")");
    if (change.stored().hasInstallation() && !current.hasInstallation()) {
      out.println(
          "installation: "
              + change.stored().installationId()
              + " (random; 'shimwatch forget' deletes what it sent)");
    }
    if (change.discarded() > 0) {
      out.println("discarded " + change.discarded() + " queued report(s) above the new level");
    }
    Consent.forcedOff(cli.env)
        .ifPresent(
            v ->
                out.println("note: " + v + " is set, so nothing is collected or sent while it is"));
    return ExitCodes.OK;
  }

  private static void show(PrintWriter out, Probe probe, Consent c) {
    ConsentGate gate = probe.gate(c);
    out.println("consent: level " + c.level().number() + " (" + c.level().sends() + ")");
    Consent.forcedOff(probe.env())
        .ifPresent(v -> out.println("in force: level 0, because " + v + " is set"));
    if (c.hasInstallation()) {
      out.println("installation: " + c.installationId());
    }
    if (!gate.allowsReports()) {
      out.println("to take part: shimwatch consent --level 1 (or 2, or 3)");
    }
  }
}
