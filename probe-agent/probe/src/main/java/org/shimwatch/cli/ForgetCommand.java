package org.shimwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shimwatch.probe.FileTrees;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.upload.InstallationEraser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shimwatch forget}: deletes everything this installation sent, then local state. */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description = {
      "Asks the server to delete every report this installation sent (the installation secret"
          + " kept here proves they are yours; no account is needed), then deletes the local state:"
          + " consent, installation id and secret, queued, sent and rejected reports, logs and the"
          + " shim spool files here. Consent is back at level 0 afterwards.",
      "If the server cannot be reached or refuses, nothing local is deleted, so you can try again;"
          + " --local-only deletes the local state without asking the server (what was sent then"
          + " stays on the server)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:deleted on the server (or nothing was stored there) and here",
      "1:the server could not be reached or refused; nothing was deleted here",
      "2:bad flags, no server configured, or not confirmed"
    })
final class ForgetCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--yes", description = "do not ask for confirmation")
  boolean yes;

  @Option(names = "--local-only", description = "delete the local state without asking the server")
  boolean localOnly;

  @Override
  public Integer call() {
    PrintWriter out = cli.spec.commandLine().getOut();
    PrintWriter err = cli.spec.commandLine().getErr();
    Probe probe = cli.probe(server);
    Consent consent = ShimwatchCli.consent(probe);
    if (!yes) {
      if (!cli.interactive) {
        throw new CliFailure(ExitCodes.USAGE, "add --yes to confirm (no terminal to ask at)");
      }
      err.print(
          "shimwatch: delete everything this installation sent"
              + (localOnly ? " from this machine" : ", on the server and here")
              + "? [y/N] ");
      err.flush();
      if (!confirmed()) {
        throw new CliFailure(ExitCodes.USAGE, "not confirmed; nothing was deleted");
      }
    }
    if (!localOnly && consent.hasInstallation()) {
      if (probe.settings().server() == null) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "no server URL is configured (--server or SHIMWATCH_SERVER); use --local-only to"
                + " delete only what is on this machine");
      }
      InstallationEraser.Result r =
          new InstallationEraser()
              .erase(
                  probe.settings().installationUri(consent.installationId().toString()),
                  consent.installationId(),
                  consent.installationSecret());
      if (r instanceof InstallationEraser.Result.Deleted d) {
        out.println(
            "server: deleted "
                + d.reports()
                + " report(s) of installation "
                + consent.installationId());
      } else if (r instanceof InstallationEraser.Result.NothingStored) {
        out.println("server: nothing was stored for installation " + consent.installationId());
      } else if (r instanceof InstallationEraser.Result.Refused f) {
        throw new CliFailure(
            ExitCodes.FAILED,
            "the server refused to delete (" + f.reason() + "); nothing was deleted here");
      } else if (r instanceof InstallationEraser.Result.Failed f) {
        throw new CliFailure(
            ExitCodes.FAILED, f.cause() + "; nothing was deleted here, try again later");
      }
    } else if (!consent.hasInstallation()) {
      out.println("no installation id: nothing was ever sent from here");
    }
    try {
      wipe(probe.state());
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.FAILED,
          "cannot delete the local state in " + probe.state().root() + ": " + e.getMessage());
    }
    out.println("local state deleted (" + probe.state().root() + "); consent is level 0");
    return ExitCodes.OK;
  }

  private boolean confirmed() {
    try {
      String line =
          new BufferedReader(new InputStreamReader(cli.stdin, Charset.defaultCharset())).readLine();
      return line != null
          && (line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes what the probe keeps, and shim spool files, but nothing else in the directory. */
  static void wipe(StateDirectory s) throws IOException {
    // The consent goes first: if the rest fails half-way, nothing more is collected or sent.
    Files.deleteIfExists(s.consentFile());
    for (Path p : List.of(s.outbox(), s.sent(), s.rejected(), s.runs(), s.cache())) {
      FileTrees.delete(p);
    }
    for (Path p : List.of(s.statusFile(), s.droppedLog(), s.uploadLock())) {
      Files.deleteIfExists(p);
    }
    if (Files.isDirectory(s.root())) {
      try (DirectoryStream<Path> d = Files.newDirectoryStream(s.root(), "{snapshot,trap}-*.json")) {
        for (Path p : d) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
