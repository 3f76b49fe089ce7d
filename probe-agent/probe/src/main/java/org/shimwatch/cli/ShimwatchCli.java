package org.shimwatch.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.ProbeSettings;
import org.shimwatch.probe.SettingsException;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentFileException;
import org.shimwatch.probe.consent.ConsentGate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code shimwatch} command line. */
@Command(
    name = "shimwatch",
    mixinStandardHelpOptions = true,
    versionProvider = ShimwatchCli.Version.class,
    description = {
      "Runs a network client through the Shimwatch socket shim and, only with your consent,"
          + " sends a compatibility report to the shim's maintainer.",
      "",
      "Nothing is collected or sent until you choose a level with 'shimwatch consent --level N'."
          + " DO_NOT_TRACK=1 or SHIMWATCH_TELEMETRY=off turn everything off.",
      "State lives in $SHIMWATCH_HOME, else $XDG_STATE_HOME/shimwatch, else"
          + " ~/.local/state/shimwatch."
    },
    subcommands = {
      RunCommand.class,
      ConsentCommand.class,
      PreviewCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      HistoryCommand.class,
      ForgetCommand.class,
      InspectCommand.class,
      CheckCommand.class,
      DoctorCommand.class,
      FinishRunCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:it worked",
      "1:it failed; the message says why",
      "2:bad flags or a file that cannot be used",
      "3:consent is level 0: nothing was collected",
      "4:a report was queued but not sent yet (it is retried)",
      "run: the client's own exit status"
    })
public final class ShimwatchCli implements Runnable {

  @Spec CommandSpec spec;

  final Map<String, String> env;
  final Clock clock;
  final InputStream stdin;
  final boolean interactive;

  ShimwatchCli(Map<String, String> env, Clock clock, InputStream stdin, boolean interactive) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.stdin = stdin;
    this.interactive = interactive;
  }

  /** Entry point of {@code java -jar shimwatch.jar}. */
  public static void main(String[] args) {
    int status =
        execute(
            args,
            System.getenv(),
            System.in,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            Terminal.attached());
    System.exit(status);
  }

  /**
   * Runs one command line.
   *
   * @param interactive whether a person is at a terminal (questions are asked only then)
   * @return the exit status
   */
  public static int execute(
      String[] args,
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      boolean interactive) {
    CommandLine cl = new CommandLine(new ShimwatchCli(env, Clock.systemUTC(), stdin, interactive));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof CliFailure f) {
            if (f.getMessage() != null && !f.getMessage().isEmpty()) {
              line.getErr().println("shimwatch: " + f.getMessage());
            }
            return f.exitCode();
          }
          line.getErr().println("shimwatch: unexpected failure: " + e);
          return ExitCodes.FAILED;
        });
    int status = cl.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The probe for these server options; bad settings end the command with exit status 2. */
  Probe probe(ServerOptions options) {
    try {
      return new Probe(ProbeSettings.resolve(options.flags(), env), env, clock);
    } catch (SettingsException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  /** The stored consent; a damaged consent file ends the command with exit status 2. */
  static Consent consent(Probe probe) {
    try {
      return probe.consent();
    } catch (ConsentFileException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          e.getMessage() + " (fix or delete it, then shimwatch consent --level N)");
    }
  }

  /** What the consent in force allows; a damaged consent file ends the command with exit 2. */
  static ConsentGate gate(Probe probe) {
    return probe.gate(consent(probe));
  }

  /** The version shown by {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ShimwatchCli.class.getPackage().getImplementationVersion();
      return new String[] {"shimwatch " + (v == null ? "(development build)" : v)};
    }
  }
}
