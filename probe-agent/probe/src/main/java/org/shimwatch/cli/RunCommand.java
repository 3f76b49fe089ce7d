package org.shimwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.shimwatch.probe.AtomicFiles;
import org.shimwatch.probe.FileTrees;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.assemble.LinuxRunEvidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.environment.ClientIdentity;
import org.shimwatch.probe.run.ClientProcess;
import org.shimwatch.probe.run.ShimLibraryCache;
import org.shimwatch.report.Environment;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.report.Source;
import org.shimwatch.shim.NativeShimLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch run -- COMMAND…}: runs a client through the shim and reports on it. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs COMMAND with the Shimwatch shim preloaded (LD_PRELOAD) and its own spool directory."
          + " stdin, stdout and stderr are the client's; Ctrl-C goes to the client, and so do"
          + " SIGTERM, SIGINT and SIGHUP sent to shimwatch.",
      "Afterwards, at consent level 1 and up, it asks how it went (only at a terminal and without"
          + " --outcome; otherwise the outcome is 'unknown'), makes a report, queues it and sends"
          + " it. At level 1 the shim only passes calls through (nothing is recorded); at level 2"
          + " its counts and histograms go into the report; at level 3 also trap details. At level"
          + " 0 the command runs without the shim and nothing is collected.",
      "Installed (the package or the archive), the shimwatch launcher starts the client at once"
          + " with the bundled library, and once the client has ended leaves making, queuing and"
          + " sending the report to a background process of its own (closing the terminal does not"
          + " stop it; STATE/finish.log says what it did), so the shell gets its prompt back"
          + " straight away. Run from a build tree, the library is extracted from shimwatch.jar"
          + " once, checked by SHA-256 before every use, and the report is made before shimwatch"
          + " exits.",
      "Put -- before COMMAND so that its options are not taken for shimwatch's."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "N:the client's own exit status, unchanged (128+n when signal n ended it); a report that"
          + " could not be made or sent never changes it",
      "2:bad flags or a damaged config or consent file (the client was not run)",
      "1:the shim could not be prepared (the client was not run)",
      "126:COMMAND cannot be executed",
      "127:COMMAND was not found"
    })
final class RunCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Mixin ReportOptions report = new ReportOptions();

  @Option(names = "--no-send", description = "queue the report but do not send it now")
  boolean noSend;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the client and its arguments")
  List<String> command;

  @Override
  public Integer call() {
    PrintWriter err = cli.spec.commandLine().getErr();
    Probe probe = cli.probe(server);
    ConsentGate gate = ShimwatchCli.gate(probe);
    report.outcome(); // a bad --outcome is refused before the client runs

    if (!gate.allowsReports()) {
      return runClient(Map.of(), err).exitStatus();
    }
    Path library;
    Path spool = null;
    try {
      library = new ShimLibraryCache(probe.state().cache()).library();
      if (gate.allowsMetrics()) {
        spool = probe.state().runs().resolve(UUID.randomUUID().toString());
        AtomicFiles.createPrivateDirectories(spool);
      }
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.FAILED,
          "cannot prepare the shim: " + e.getMessage() + " (the client was not run)");
    }
    Map<String, String> set = new LinkedHashMap<>();
    String preload = cli.env.get("LD_PRELOAD");
    set.put("LD_PRELOAD", library + (preload == null || preload.isBlank() ? "" : ":" + preload));
    if (spool != null) {
      set.put("SHIMWATCH_SPOOL", spool.toString());
      // The shim rewrites its snapshot every minute unless told otherwise: a client killed
      // without running its exit code still leaves its counts up to the last minute.
      String flush = cli.env.get("SHIMWATCH_FLUSH_SECONDS");
      set.put("SHIMWATCH_FLUSH_SECONDS", flush == null || flush.isBlank() ? "60" : flush);
    } else {
      // Level 1: the client runs through the shim, which records nothing and writes no file.
      set.put("SHIMWATCH_DISABLE", "1");
    }
    // While the client runs, load what the report needs afterwards (the contract's validator, the
    // environment): that time is then hidden behind the client's own.
    Thread warm =
        new Thread(
            () -> {
              try {
                ReportValidator.instance();
                probe.linux().glibcRuntime();
              } catch (RuntimeException | LinkageError e) {
                // Loaded again, and reported, when the report is made.
              }
            },
            "shimwatch-warm-up");
    warm.setDaemon(true);
    warm.start();
    ClientProcess.Ended ended;
    try {
      ended = runClient(set, err);
    } catch (CliFailure f) {
      discard(spool);
      throw f;
    }
    LinuxRunEvidence evidence;
    try {
      evidence =
          evidence(
              probe,
              cli.env,
              command,
              report.clientName,
              report.clientVersion,
              spool,
              ended.wallTime().toMillis());
    } catch (RuntimeException e) {
      discard(spool);
      err.println("shimwatch: no report for this run: " + e);
      return ended.exitStatus();
    }
    // From here the evidence owns the spool: it removes it when closed, report or not.
    try (evidence) {
      OutcomePrompt.Answer answer = Reporting.outcome(report, cli, err);
      Reporting.queue(
          probe,
          gate,
          new ReportAssembler.Subject(Source.CLI, answer.outcome(), answer.comment(), null),
          evidence,
          err);
      FinishRunCommand.leftovers(cli, probe.state().runs(), err);
      if (!noSend) {
        Reporting.send(probe, gate, err);
      }
    } catch (CliFailure f) {
      err.println("shimwatch: " + f.getMessage());
    } catch (RuntimeException e) {
      err.println("shimwatch: no report for this run: " + e);
    }
    return ended.exitStatus();
  }

  /**
   * The evidence of a run of {@code command} through the preloaded shim: the machine, the client
   * and, when {@code spool} is not {@code null}, what the shim wrote there (removed whole when the
   * evidence is closed). {@code finish-run} makes the same for a run the launcher started.
   */
  static LinuxRunEvidence evidence(
      Probe probe,
      Map<String, String> env,
      List<String> command,
      String clientName,
      String clientVersion,
      Path spool,
      long wallTimeMs) {
    Environment.Client client =
        ClientIdentity.of(command, clientName, clientVersion, env, probe.linux().dpkg());
    return new LinuxRunEvidence(
        probe.linux(),
        client,
        probe.linux().glibcRuntime(),
        Environment.InstallMode.PRELOAD,
        () -> NativeShimLoader.load().version().orElse(null),
        spool,
        LinuxRunEvidence.SpoolOwner.THIS_RUN,
        wallTimeMs);
  }

  private ClientProcess.Ended runClient(Map<String, String> set, PrintWriter err) {
    try {
      return ClientProcess.run(command, set, List.of());
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("error=2,")) {
        throw new CliFailure(ExitCodes.NOT_FOUND, command.get(0) + ": command not found");
      }
      throw new CliFailure(
          ExitCodes.NOT_EXECUTABLE, command.get(0) + ": cannot be executed (" + m + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILED, "interrupted while waiting for the client");
    }
  }

  /**
   * Removes a spool that was never handed to evidence (the client did not start, or no evidence
   * could be made): run made it, so run removes it. Once handed over, the evidence does.
   */
  private static void discard(Path spool) {
    if (spool == null) {
      return;
    }
    try {
      FileTrees.delete(spool);
    } catch (IOException e) {
      // A leftover run directory holds only this run's spool files; nothing reads them again.
    }
  }
}
