package org.shimwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.shimwatch.diagnostics.Inspection;
import org.shimwatch.diagnostics.InspectionSet;
import org.shimwatch.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch inspect}: what Shimwatch understands from OS/2 artefacts and crash files. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Reads OS/2 artefacts (SYSLEVEL files, syslevel, ver, inetver and bldlevel output,"
          + " POPUPLOG.OS2, trap screens, EXCEPTQ reports, CONFIG.SYS, file listings) and JVM crash"
          + " files (hs_err_pid*.log), and prints what each holds and what they add up to: the"
          + " stack version, fixes, traps, and whether the shim can work there. '-' reads pasted"
          + " text from stdin. Nothing is sent or stored; 'submit --artefact' makes a report."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every input was understood",
      "1:some part of an input could not be read (the reason is printed)",
      "2:bad flags, or a file that does not exist"
    })
final class InspectCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "artefact files, or - for stdin")
  List<String> files;

  @Option(names = "--json", description = "print the inspection as JSON")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = cli.spec.commandLine().getOut();
    PrintWriter err = cli.spec.commandLine().getErr();
    InspectionSet set =
        EvidenceOptions.inspect(files, cli, new PrintWriter(PrintWriter.nullWriter()));
    if (json) {
      out.println(ReportJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(set));
    } else {
      for (Inspection i : set.inspections()) {
        out.print(i.summaryText());
      }
      if (set.inspections().size() > 1) {
        List<String> all = set.combined().summary();
        if (!all.isEmpty()) {
          out.println("all together:");
          all.forEach(l -> out.println("  " + l));
        }
      }
    }
    boolean problems = set.inspections().stream().anyMatch(i -> !i.problems().isEmpty());
    if (problems) {
      err.println("shimwatch: some parts could not be read (see above)");
    }
    return problems ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
