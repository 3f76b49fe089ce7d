package org.shimwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.shimwatch.probe.ProbeSettings;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.consent.Consent;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the manual page {@code shimwatch(1)} and the bash and zsh completion scripts from the
 * commands' own definitions, so that they say what {@code --help} says: usage, description, every
 * option of every command and each command's exit statuses. Run by the build of the distribution
 * (on the plain classes: picocli is relocated in {@code shimwatch.jar}).
 *
 * <p>Usage: {@code ShimwatchDocs OUTPUT_DIR VERSION}; writes {@code shimwatch.1}, {@code
 * shimwatch.bash} and {@code _shimwatch}.
 */
public final class ShimwatchDocs {

  /** Environment variables the probe reads, in the order the manual lists them. */
  static final List<String[]> ENVIRONMENT =
      List.of(
          new String[] {
            ProbeSettings.SERVER_VARIABLE, "the Shimwatch server's base URL (like --server)"
          },
          new String[] {ProbeSettings.KEY_VARIABLE, "the project's ingest key (like --key)"},
          new String[] {
            ProbeSettings.PROJECT_VARIABLE, "the project slug (like --project; default 'default')"
          },
          new String[] {ProbeSettings.CONFIG_VARIABLE, "the config file (like --config)"},
          new String[] {
            StateDirectory.HOME_VARIABLE,
            "the state folder; else $XDG_STATE_HOME/shimwatch, else ~/.local/state/shimwatch"
          },
          new String[] {
            "XDG_CONFIG_HOME",
            "where the config file is looked for: $XDG_CONFIG_HOME/shimwatch/config.properties,"
                + " else ~/.config/shimwatch/config.properties"
          },
          new String[] {Consent.DO_NOT_TRACK, "1 turns everything off, whatever the consent level"},
          new String[] {Consent.TELEMETRY, "off turns everything off, whatever the consent level"},
          new String[] {"JAVA_HOME", "the Java runtime to use (else java on PATH; 17 or newer)"},
          new String[] {"SHIMWATCH_JAVA_OPTS", "extra options for the Java virtual machine"});

  /** The state folder's files, as {@link StateDirectory} lays them out. */
  static final List<String[]> FILES =
      List.of(
          new String[] {
            "~/.config/shimwatch/config.properties",
            "settings: server=, key=, project=, fixes.packages= (comma-separated Debian packages"
                + " whose versions are reported as fixes)"
          },
          new String[] {
            "STATE/consent.properties",
            "the consent level, the random installation id and its secret (mode 0600)"
          },
          new String[] {"STATE/outbox/", "reports waiting to be sent, oldest first"},
          new String[] {"STATE/sent/", "reports the server took, with its receipts"},
          new String[] {"STATE/rejected/", "reports the server refused for good, with its reason"},
          new String[] {"STATE/status.properties", "the last attempt, error and next attempt"},
          new String[] {"STATE/dropped.log", "one line per report the outbox limits dropped"},
          new String[] {
            "STATE/runs/",
            "per-run spools of 'shimwatch run' and the runs whose reports are being made"
          },
          new String[] {
            "STATE/finish.log", "what the background part of 'shimwatch run' did, and when"
          });

  private ShimwatchDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ShimwatchDocs OUTPUT_DIR VERSION");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    CommandLine cl = commandLine();
    Files.writeString(out.resolve("shimwatch.1"), manPage(cl, args[1]), StandardCharsets.UTF_8);
    String bash = AutoComplete.bash("shimwatch", cl);
    Files.writeString(out.resolve("shimwatch.bash"), bash, StandardCharsets.UTF_8);
    Files.writeString(out.resolve("_shimwatch"), zsh(bash), StandardCharsets.UTF_8);
  }

  /** The command line as users get it, hidden commands left out of what is generated. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ShimwatchCli(Map.of(), Clock.systemUTC(), null, false));
    cl.getSubcommands().values().stream()
        .filter(c -> c.getCommandSpec().usageMessage().hidden())
        .map(CommandLine::getCommandName)
        .toList()
        .forEach(name -> cl.getCommandSpec().removeSubcommand(name));
    return cl;
  }

  /**
   * The zsh completion: the bash one through zsh's emulation of bash completion. As {@code
   * _shimwatch} on zsh's {@code fpath} it is loaded at the first Tab and completes that Tab too.
   */
  static String zsh(String bash) {
    return "#compdef shimwatch\n"
        + "# shimwatch completion for zsh, through zsh's bash completion (bashcompinit).\n"
        + "autoload -U +X bashcompinit && bashcompinit\n"
        + bash
        + "\n"
        + "if [[ -n ${funcstack[(r)_shimwatch]} ]]; then\n"
        + "  _bash_complete -F _complete_shimwatch \"$@\"\n"
        + "fi\n";
  }

  /** The manual page in roff (man(7) macros). */
  static String manPage(CommandLine cl, String version) {
    CommandSpec top = cl.getCommandSpec();
    StringBuilder m = new StringBuilder();
    m.append(".\\\" Generated from the shimwatch commands' own help by ShimwatchDocs.\n");
    m.append(".TH SHIMWATCH 1 \"\" \"shimwatch ")
        .append(escape(version))
        .append("\" \"User Commands\"\n");
    m.append(".SH NAME\nshimwatch \\- run a network client through the Shimwatch socket shim and")
        .append(" report, with consent, how it went\n");
    m.append(".SH SYNOPSIS\n");
    m.append(".B shimwatch\n")
        .append("[\\fB\\-\\-help\\fR] [\\fB\\-\\-version\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR...]\n");
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandName().equals("help")) {
        continue;
      }
      m.append(".br\n").append(synopsis(sub)).append('\n');
    }
    m.append(".SH DESCRIPTION\n");
    paragraphs(m, top.usageMessage().description());
    m.append(".SH OPTIONS\n");
    options(m, top);
    m.append(".SH COMMANDS\n");
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      m.append(".SS \"").append(escape(plainSynopsis(sub))).append("\"\n");
      paragraphs(m, s.usageMessage().description());
      if (!s.options().isEmpty() || !s.positionalParameters().isEmpty()) {
        options(m, s);
      }
      Map<String, String> codes = s.usageMessage().exitCodeList();
      if (!codes.isEmpty()) {
        m.append(".PP\nExit status:\n");
        exitCodes(m, codes);
      }
    }
    m.append(".SH ENVIRONMENT\n");
    for (String[] e : ENVIRONMENT) {
      m.append(".TP\n.B ").append(escape(e[0])).append('\n').append(escape(e[1])).append('\n');
    }
    m.append(".SH FILES\nSTATE is the state folder (see \\fBSHIMWATCH_HOME\\fR).\n");
    for (String[] f : FILES) {
      m.append(".TP\n.I ").append(escape(f[0])).append('\n').append(escape(f[1])).append('\n');
    }
    m.append(".SH EXIT STATUS\n");
    exitCodes(m, top.usageMessage().exitCodeList());
    m.append(".SH SEE ALSO\nThe Shimwatch server's \\(lqWhat we collect\\(rq page (/collect) lists")
        .append(" every field of a report by consent level.\n");
    return m.toString();
  }

  private static String synopsis(CommandLine sub) {
    return ".B shimwatch " + escape(sub.getCommandName()) + "\n" + escape(arguments(sub));
  }

  private static String plainSynopsis(CommandLine sub) {
    return "shimwatch " + sub.getCommandName() + " " + arguments(sub);
  }

  /** The command's arguments as its usage line shows them, without the command's name. */
  private static String arguments(CommandLine sub) {
    String usage =
        sub.getHelp().synopsis(0).replace(System.lineSeparator(), " ").replaceAll("\\s+", " ");
    String prefix = "Usage: " + sub.getCommandSpec().qualifiedName();
    String rest = usage.startsWith(prefix) ? usage.substring(prefix.length()) : usage;
    return rest.strip();
  }

  private static void options(StringBuilder m, CommandSpec s) {
    for (OptionSpec o : s.options()) {
      if (o.hidden()) {
        continue;
      }
      m.append(".TP\n");
      StringBuilder names = new StringBuilder();
      for (String n : o.names()) {
        names
            .append(names.length() == 0 ? "" : ", ")
            .append("\\fB")
            .append(escape(n))
            .append("\\fR");
      }
      m.append(names);
      if (o.arity().max() > 0) {
        m.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
      }
      m.append('\n').append(escape(text(o))).append('\n');
    }
    for (PositionalParamSpec p : s.positionalParameters()) {
      if (p.hidden()) {
        continue;
      }
      m.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
      m.append(escape(text(p))).append('\n');
    }
  }

  private static String text(ArgSpec a) {
    return String.join(" ", a.description()).replace("%n", " ");
  }

  private static void exitCodes(StringBuilder m, Map<String, String> codes) {
    for (Map.Entry<String, String> e : codes.entrySet()) {
      m.append(".TP\n.B ")
          .append(escape(e.getKey().strip()))
          .append('\n')
          .append(escape(e.getValue().strip()))
          .append('\n');
    }
  }

  private static void paragraphs(StringBuilder m, String[] description) {
    boolean first = true;
    for (String d : description) {
      if (d.isBlank()) {
        continue;
      }
      if (!first) {
        m.append(".PP\n");
      }
      m.append(escape(d.replace("%n", " "))).append('\n');
      first = false;
    }
  }

  /** Text as roff shows it: backslashes and hyphens escaped, no line starting a request. */
  static String escape(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    if (e.startsWith(".") || e.startsWith("'")) {
      e = "\\&" + e;
    }
    return e;
  }
}
