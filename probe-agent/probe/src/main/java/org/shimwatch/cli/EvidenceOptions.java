package org.shimwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.ArtefactInput;
import org.shimwatch.diagnostics.ArtefactInspector;
import org.shimwatch.diagnostics.FoldedDiagnostics;
import org.shimwatch.diagnostics.Inspection;
import org.shimwatch.diagnostics.InspectionSet;
import org.shimwatch.diagnostics.ParseProblem;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.assemble.ArtefactEvidence;
import org.shimwatch.probe.assemble.Evidence;
import org.shimwatch.probe.assemble.LinuxRunEvidence;
import org.shimwatch.probe.environment.ContractFields;
import org.shimwatch.report.Environment;
import picocli.CommandLine.Option;

/**
 * Where {@code submit} and {@code preview} take a report's evidence from: this Linux machine (with
 * a shim spool) or OS/2 artefacts.
 */
final class EvidenceOptions {

  @Option(
      names = "--spool",
      paramLabel = "DIR",
      description =
          "the shim's spool directory (SHIMWATCH_SPOOL of the clients run with the shim): its"
              + " snapshot and trap files go into the report at level 2 and up, and are removed"
              + " once it is queued")
  Path spool;

  @Option(
      names = "--artefact",
      paramLabel = "FILE",
      description =
          "an OS/2 artefact (SYSLEVEL file, syslevel/ver/inetver/bldlevel output, POPUPLOG.OS2,"
              + " trap screen, EXCEPTQ report, CONFIG.SYS; '-' reads pasted text from stdin):"
              + " the report then describes that OS/2 machine. Repeatable.")
  List<String> artefacts = new ArrayList<>();

  @Option(
      names = "--python-version",
      paramLabel = "VERSION",
      description =
          "with --artefact: the Python that runs the client, as a version (2.3.3) or the first"
              + " line Python prints when it starts; asked at a terminal when the artefacts do"
              + " not say it")
  String pythonVersion;

  @Option(
      names = "--shim-version",
      paramLabel = "VERSION",
      description =
          "with --artefact: the shim's version; asked at a terminal when the artefacts do not say"
              + " it")
  String shimVersion;

  @Option(
      names = "--choose",
      paramLabel = "FIELD=VALUE",
      description =
          "with --artefact: where two artefacts disagree (stack-level, os-version,"
              + " runtime-version), the value that describes the system, e.g. --choose"
              + " stack-level=UN02205; asked at a terminal, required elsewhere. Repeatable.")
  List<String> choose = new ArrayList<>();

  /** The evidence these options name, for a client; bad files end the command. */
  Evidence evidence(Probe probe, Environment.Client client, ShimwatchCli cli, PrintWriter err) {
    if (!artefacts.isEmpty()) {
      if (spool != null) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--spool and --artefact describe different machines: give one of them");
      }
      FoldedDiagnostics folded = inspect(artefacts, cli, err).combined();
      if (folded.environment() == null) {
        throw new CliFailure(
            ExitCodes.FAILED,
            "the artefacts describe no OS/2 environment (see 'shimwatch inspect' for what was"
                + " understood); give syslevel output or SYSLEVEL files");
      }
      folded.findings().forEach(f -> err.println("shimwatch: " + f.describe()));
      return new ArtefactEvidence(
          folded,
          new Os2Completion(cli, err).complete(folded, client, choose, pythonVersion, shimVersion));
    }
    if (pythonVersion != null || shimVersion != null || !choose.isEmpty()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--python-version, --shim-version and --choose complete what OS/2 artefacts say: give"
              + " them with --artefact");
    }
    if (spool != null && !Files.isDirectory(spool)) {
      throw new CliFailure(ExitCodes.USAGE, "--spool " + spool + ": no such directory");
    }
    return new LinuxRunEvidence(
        probe.linux(),
        client,
        probe.linux().glibcRuntime(),
        spool != null ? Environment.InstallMode.PRELOAD : Environment.InstallMode.UNKNOWN,
        () -> null,
        spool,
        LinuxRunEvidence.SpoolOwner.USER,
        null);
  }

  /** Reads and inspects artefact files ({@code -}: stdin); a missing file ends the command. */
  static InspectionSet inspect(List<String> names, ShimwatchCli cli, PrintWriter err) {
    List<ArtefactInput> inputs = new ArrayList<>();
    for (String n : names) {
      try {
        byte[] content =
            n.equals(ArtefactInspector.STDIN)
                ? cli.stdin.readAllBytes()
                : Files.readAllBytes(Path.of(n));
        inputs.add(new ArtefactInput(n, content));
      } catch (NoSuchFileException e) {
        throw new CliFailure(ExitCodes.USAGE, n + ": no such file");
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.USAGE, n + ": cannot be read (" + e.getMessage() + ")");
      }
    }
    InspectionSet set = ArtefactInspector.inspectAll(inputs);
    for (Inspection i : set.inspections()) {
      for (ParseProblem p : i.problems()) {
        err.println("shimwatch: " + i.name() + ": " + p.message());
      }
    }
    return set;
  }

  /** The client as the user named it; the name is required where nothing else says it. */
  static Environment.Client client(ReportOptions r) {
    String name = ContractFields.name(r.clientName);
    if (name == null) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "say which client the report is about: --client-name NAME [--client-version V]");
    }
    return new Environment.Client(name, ContractFields.version(r.clientVersion));
  }
}
