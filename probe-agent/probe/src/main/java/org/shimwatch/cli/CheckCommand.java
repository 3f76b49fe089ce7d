package org.shimwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.shimwatch.diagnostics.FoldedDiagnostics;
import org.shimwatch.privacy.ReportScrubbing;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.environment.ContractFields;
import org.shimwatch.probe.upload.SetupCheckClient;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code shimwatch check}: asks the server whether the shim works on this setup. A question the
 * user asks on purpose, not telemetry: it works at any consent level, shows the exact JSON first
 * and asks, sends no ingest key, installation id or secret, and stores nothing on either side.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Asks the Shimwatch server \"will it work on my setup?\": your setup's row of the"
          + " compatibility matrix and its tier, the nearest rows with data, which of your fixes"
          + " go with success, what the shim's readme asks for and what your install layout means.",
      "The setup is this machine (system, kernel, packages), or the OS/2 machine --artefact files"
          + " describe, with what --platform, --stack and --fixes say instead. The exact JSON is"
          + " shown and you are asked before anything is sent (--yes sends without asking, for"
          + " scripts). It works at any consent level, sends no installation id and nothing is"
          + " stored, here or on the server."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:answered",
      "1:the server could not be reached or refused the question",
      "2:bad flags, an unreadable file, no server configured, or not confirmed"
    })
final class CheckCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(
      names = "--artefact",
      paramLabel = "FILE",
      description =
          "an OS/2 artefact (SYSLEVEL file, syslevel/ver/inetver output, CONFIG.SYS, a file"
              + " listing; '-' reads pasted text from stdin): the check is then about that OS/2"
              + " machine. Only what the readers understood is sent, never the file. Repeatable.")
  List<String> artefacts = new ArrayList<>();

  @Option(
      names = "--platform",
      paramLabel = "NAME",
      description = "the platform as the matrix names it (eComStation 1.1), or os2 or linux")
  String platform;

  @Option(
      names = "--stack",
      paramLabel = "STACK",
      description = "the TCP/IP stack as the matrix names it (os2-tcpip 4.3) or its version")
  String stack;

  @Option(
      names = "--fixes",
      paramLabel = "LIST",
      description = "fixes, separated by spaces or commas (UN02200 NEWSTACK)")
  String fixes;

  @Option(names = "--client-name", paramLabel = "NAME", description = "the network client")
  String clientName;

  @Option(names = "--client-version", paramLabel = "VERSION", description = "its version")
  String clientVersion;

  @Option(names = "--yes", description = "send without asking (the JSON is still shown)")
  boolean yes;

  @Option(names = "--json", description = "print the server's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = cli.spec.commandLine().getOut();
    PrintWriter err = cli.spec.commandLine().getErr();
    Probe probe = cli.probe(server);
    if (artefacts.contains("-") && !yes) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--artefact - reads stdin, which leaves no way to ask before sending: add --yes");
    }
    if (probe.settings().server() == null) {
      throw new CliFailure(
          ExitCodes.USAGE, "no server URL is configured (--server or SHIMWATCH_SERVER)");
    }
    String body =
        ReportJson.mapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(question(probe, err));
    URI uri = SetupCheckClient.uri(probe.settings().server(), probe.settings().project());
    err.println("shimwatch: this is exactly what will be sent to " + uri + " (nothing else):");
    err.flush();
    err.println(body);
    err.flush();
    if (!yes) {
      if (!cli.interactive) {
        throw new CliFailure(
            ExitCodes.USAGE, "add --yes to send it (no terminal to ask at); nothing was sent");
      }
      err.print("shimwatch: send it? [y/N] ");
      err.flush();
      if (!confirmed()) {
        throw new CliFailure(ExitCodes.USAGE, "not sent");
      }
    }
    SetupCheckClient.Result r = new SetupCheckClient().ask(uri, body);
    if (r instanceof SetupCheckClient.Result.Answered a) {
      if (json) {
        out.println(
            ReportJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a.answer()));
      } else {
        CheckAnswerText.print(a.answer(), out);
      }
      out.flush();
      return ExitCodes.OK;
    }
    if (r instanceof SetupCheckClient.Result.Refused f) {
      throw new CliFailure(
          ExitCodes.FAILED, "the server refused the question (" + f.reason() + ")");
    }
    throw new CliFailure(
        ExitCodes.FAILED, ((SetupCheckClient.Result.Failed) r).cause() + "; nothing was stored");
  }

  /** The question: the environment read, scrubbed as a report would be, and the picks given. */
  private ObjectNode question(Probe probe, PrintWriter err) {
    ObjectNode q = ReportJson.mapper().createObjectNode();
    Environment env = environment(probe, err);
    q.set("environment", ReportJson.mapper().valueToTree(env));
    put(q, "platform", platform);
    put(q, "stack", stack);
    put(q, "fixes", fixes);
    return q;
  }

  private static void put(ObjectNode q, String field, String value) {
    if (value != null && !value.isBlank()) {
      q.put(field, value.strip());
    }
  }

  private Environment environment(Probe probe, PrintWriter err) {
    Environment.Client client =
        ContractFields.name(clientName) == null
            ? null
            : new Environment.Client(
                ContractFields.name(clientName), ContractFields.version(clientVersion));
    Environment env;
    if (!artefacts.isEmpty()) {
      FoldedDiagnostics folded = EvidenceOptions.inspect(artefacts, cli, err).combined();
      if (folded.environment() == null) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "the artefacts describe no OS/2 setup (see 'shimwatch inspect' for what was"
                + " understood); give syslevel output or SYSLEVEL files, or --platform and --stack");
      }
      env = folded.environmentFor(client);
    } else {
      env =
          probe
              .linux()
              .collect(
                  client,
                  probe.linux().glibcRuntime(),
                  new Environment.Shim(null, Environment.InstallMode.UNKNOWN));
    }
    // Scrubbed like a report (the same names and paths go), through a report made for the purpose
    // and never queued; the client stands in only where the contract needs one.
    Environment withClient =
        env.client() != null
            ? env
            : new Environment(
                env.os(),
                env.stack(),
                env.fixes(),
                env.runtime(),
                new Environment.Client("unknown", null),
                env.shim());
    Report r =
        new Report(
            Report.SCHEMA_VERSION,
            UUID.randomUUID(),
            UUID.randomUUID(),
            1,
            Instant.EPOCH,
            Source.CLI,
            null,
            Outcome.UNKNOWN,
            null,
            withClient,
            null,
            null,
            null);
    Environment scrubbed = ReportScrubbing.scrub(r, probe.scrubber()).environment();
    return env.client() != null
        ? scrubbed
        : new Environment(
            scrubbed.os(),
            scrubbed.stack(),
            scrubbed.fixes(),
            scrubbed.runtime(),
            null,
            scrubbed.shim());
  }

  private boolean confirmed() {
    try {
      String line =
          new BufferedReader(new InputStreamReader(cli.stdin, Charset.defaultCharset())).readLine();
      return line != null
          && (line.strip().toLowerCase(Locale.ROOT).equals("y")
              || line.strip().toLowerCase(Locale.ROOT).equals("yes"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The answer in plain lines. */
  static final class CheckAnswerText {
    private CheckAnswerText() {}

    static void print(JsonNode a, PrintWriter out) {
      if (!a.path("readable").asBoolean(false)) {
        out.println("Could not read a setup from what was sent:");
        for (JsonNode u : a.path("unread")) {
          out.println("  " + u.asString());
        }
        return;
      }
      JsonNode s = a.path("setup");
      out.println(
          "Your setup: "
              + s.path("platform").asString("")
              + ", "
              + s.path("stack").asString("")
              + (s.path("fixLevel").asString("").isEmpty()
                  ? ""
                  : ", fix level " + s.path("fixLevel").asString("")));
      JsonNode row = a.path("row");
      if (row.isMissingNode() || row.isNull()) {
        out.println("Your row: no report has this setup yet");
      } else {
        out.println("Your row: " + row.path("tier").asString("") + rowFigures(row));
      }
      JsonNode nearest = a.path("nearest");
      if (nearest.size() > 0) {
        out.println("Nearest rows with data:");
        for (JsonNode n : nearest) {
          out.println(
              "  "
                  + n.path("tier").asString("")
                  + ": "
                  + n.path("platform").asString("")
                  + ", "
                  + n.path("stack").asString("")
                  + (n.path("fixLevel").asString("").isEmpty()
                      ? ""
                      : ", " + n.path("fixLevel").asString(""))
                  + " ("
                  + n.path("distance").asString("")
                  + ")"
                  + rowFigures(n));
        }
      }
      for (JsonNode f : a.path("yourFixes")) {
        out.println(
            "Your fix "
                + f.path("fix").asString("")
                + ": "
                + (f.path("shown").asBoolean(false)
                    ? (f.path("goesWithSuccess").asBoolean(false)
                            ? "goes with success"
                            : "does not go with success")
                        + ", with it "
                        + rate(f.path("with"))
                        + ", without it "
                        + rate(f.path("without"))
                    : "not enough data"));
      }
      JsonNode best = a.path("bestMissingFix");
      if (!best.isMissingNode() && !best.isNull()) {
        out.println(
            "Missing fix that goes with success most: "
                + best.path("fix").asString("")
                + ", with it "
                + rate(best.path("with"))
                + ", without it "
                + rate(best.path("without")));
      }
      for (JsonNode p : a.path("prerequisites")) {
        out.println(
            "Prerequisite "
                + p.path("name").asString("")
                + ": "
                + switch (p.path("status").asString("")) {
                  case "met" -> "yes";
                  case "not-met" -> "no";
                  default -> "not known";
                }
                + " ("
                + p.path("detail").asString("")
                + ")");
      }
      JsonNode install = a.path("install");
      if (!install.isMissingNode() && !install.isNull()) {
        out.println("Install layout: " + install.path("meaning").asString(""));
      }
      for (JsonNode v : a.path("advice")) {
        out.println("Advice: " + v.path("title").asString("") + ": " + v.path("text").asString(""));
      }
      out.println("Nothing was stored, here or on the server.");
    }

    private static String rowFigures(JsonNode row) {
      if (!row.has("reports")) {
        return " (reports from fewer than the threshold of installations)";
      }
      return ", "
          + row.path("successes").asLong()
          + " of "
          + row.path("judged").asLong()
          + " succeeded ("
          + percent(row.path("successLowerBound").asDouble())
          + "–"
          + percent(row.path("successUpperBound").asDouble())
          + " at 95%), "
          + row.path("installations").asLong()
          + " installations";
    }

    private static String rate(JsonNode r) {
      return r.path("successes").asLong()
          + " of "
          + r.path("judged").asLong()
          + " ("
          + percent(r.path("lower").asDouble())
          + "–"
          + percent(r.path("upper").asDouble())
          + ")";
    }

    private static String percent(double d) {
      return String.format(Locale.ROOT, "%.0f%%", d * 100);
    }
  }
}
