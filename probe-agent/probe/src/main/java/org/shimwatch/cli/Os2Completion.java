package org.shimwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.Conflict;
import org.shimwatch.diagnostics.FoldedDiagnostics;
import org.shimwatch.diagnostics.os2.PythonBanner;
import org.shimwatch.diagnostics.os2.PythonBannerParser;
import org.shimwatch.probe.environment.ContractFields;
import org.shimwatch.report.Environment;

/**
 * Completes the environment OS/2 artefacts describe with what only the user knows: which value is
 * right where two artefacts disagree, and the Python and shim versions when no artefact says them.
 * Options answer first ({@code --choose}, {@code --python-version}, {@code --shim-version}); at a
 * terminal the rest is asked; elsewhere a disagreement left open ends the command, and a version
 * left out stays out.
 */
final class Os2Completion {

  private final ShimwatchCli cli;
  private final PrintWriter err;
  private BufferedReader in;

  Os2Completion(ShimwatchCli cli, PrintWriter err) {
    this.cli = cli;
    this.err = err;
  }

  /**
   * The environment for the report.
   *
   * @param folded the artefacts folded
   * @param client the network client
   * @param choose {@code FIELD=VALUE} choices given with {@code --choose}
   * @param pythonVersion {@code --python-version}: a version or Python's start-up banner line
   * @param shimVersion {@code --shim-version}
   */
  Environment complete(
      FoldedDiagnostics folded,
      Environment.Client client,
      List<String> choose,
      String pythonVersion,
      String shimVersion) {
    Map<String, String> choices = new HashMap<>();
    for (String c : choose) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw new CliFailure(ExitCodes.USAGE, "--choose " + c + ": expected FIELD=VALUE");
      }
      choices.put(c.substring(0, eq).strip(), c.substring(eq + 1).strip());
    }
    for (Conflict c : folded.conflicts()) {
      String given = choices.get(c.field());
      if (c.allows(given)) {
        continue;
      }
      if (given != null) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--choose "
                + c.field()
                + "="
                + given
                + ": not one of the values the artefacts give ("
                + c.describe()
                + ")");
      }
      String answer = cli.interactive ? askChoice(c) : null;
      if (answer == null) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "the artefacts disagree on the "
                + c.describe()
                + ": say which describes the system with --choose "
                + c.field()
                + "=VALUE");
      }
      choices.put(c.field(), answer);
    }
    Environment e = folded.environmentFor(client, choices);
    Environment.Runtime runtime = e.runtime();
    if (runtime == null || runtime.version() == null) {
      String text = pythonVersion;
      if (text == null && cli.interactive) {
        text =
            ask(
                "which Python runs the client? Its version (e.g. 2.3.3) or the first line Python"
                    + " prints when it starts, Enter to skip: ");
      }
      runtime = python(text, runtime);
      if (runtime == null || runtime.version() == null) {
        err.println(
            "shimwatch: the artefacts do not say which Python runs the client: the report"
                + " leaves it out (give --python-version, or paste Python's start-up banner or"
                + " bldlevel of its DLL)");
      }
    } else if (pythonVersion != null) {
      runtime = python(pythonVersion, runtime);
    }
    Environment.Shim shim = e.shim();
    boolean shimThere = shim == null || shim.installMode() != Environment.InstallMode.NONE;
    if (shimThere && (shim == null || shim.version() == null)) {
      String text = shimVersion;
      if (text == null && cli.interactive) {
        text = ask("which version of the shim is installed? Enter if you do not know: ");
      }
      String v = ContractFields.version(text);
      if (v != null) {
        shim =
            new Environment.Shim(
                v, shim == null ? Environment.InstallMode.UNKNOWN : shim.installMode());
      }
    } else if (shimVersion != null && shimThere) {
      shim = new Environment.Shim(ContractFields.version(shimVersion), shim.installMode());
    }
    return new Environment(e.os(), e.stack(), e.fixes(), runtime, e.client(), shim);
  }

  /**
   * A runtime from a version or a banner line; the name stays the artefacts' when they gave one.
   */
  private static Environment.Runtime python(String text, Environment.Runtime known) {
    if (text == null || text.isBlank()) {
      return known;
    }
    String name = known != null ? known.name() : "EMX Python";
    try {
      PythonBanner b = PythonBannerParser.parse(text);
      return new Environment.Runtime(
          known != null || b.platform() == null ? name : b.runtimeName(), b.version());
    } catch (ArtefactParseException notABanner) {
      String v = ContractFields.version(text);
      if (v == null || !Character.isDigit(v.charAt(0))) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--python-version "
                + text.strip()
                + ": give a version such as 2.3.3, or the line Python prints when it starts");
      }
      return new Environment.Runtime(name, v);
    }
  }

  private String askChoice(Conflict c) {
    err.println("shimwatch: the artefacts disagree on the " + c.title() + ":");
    for (int i = 0; i < c.choices().size(); i++) {
      Conflict.Choice ch = c.choices().get(i);
      err.println("  " + (i + 1) + ") " + ch.value() + "  (" + ch.source() + ")");
    }
    String line =
        ask("which describes the system the report is about? 1-" + c.choices().size() + ": ");
    if (line == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(line.strip());
      if (n >= 1 && n <= c.choices().size()) {
        return c.choices().get(n - 1).value();
      }
    } catch (NumberFormatException e) {
      // Not a number: the value itself may have been typed.
    }
    return c.allows(line.strip()) ? line.strip() : null;
  }

  private String ask(String question) {
    err.print("shimwatch: " + question);
    err.flush();
    try {
      if (in == null) {
        in = new BufferedReader(new InputStreamReader(cli.stdin, Charset.defaultCharset()));
      }
      String line = in.readLine();
      return line == null || line.isBlank() ? null : line.strip();
    } catch (IOException e) {
      return null;
    }
  }
}
