package org.shimwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.ProbeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch status}: consent, queue, last error, in plain words. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the consent level, how many reports wait and since when, the last error in plain"
          + " words, when the next attempt is due, and what was sent, refused or dropped. Makes no"
          + " connection."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:all is well",
      "1:something needs attention: reports wait after an error, a file is damaged, or settings"
          + " are missing",
      "2:bad flags or a damaged config file"
    })
final class StatusCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Override
  public Integer call() {
    PrintWriter out = cli.spec.commandLine().getOut();
    Probe probe = cli.probe(server);
    ProbeStatus s = probe.status();
    s.describe(cli.clock.instant()).forEach(out::println);
    return s.needsAttention() ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
