package org.shimwatch.server.manual;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shimwatch.diagnostics.ArtefactInspector;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.Conflict;
import org.shimwatch.diagnostics.Finding;
import org.shimwatch.diagnostics.FoldedDiagnostics;
import org.shimwatch.diagnostics.InspectedPart;
import org.shimwatch.diagnostics.Inspection;
import org.shimwatch.diagnostics.os2.PythonBanner;
import org.shimwatch.diagnostics.os2.PythonBannerParser;
import org.shimwatch.privacy.ReportScrubbing;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.report.Environment;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.report.Source;
import org.shimwatch.report.Trap;
import org.shimwatch.report.Violation;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.Receipt;
import org.shimwatch.server.report.ReportStore;
import org.shimwatch.web.manual.ManualReportForm;
import org.shimwatch.web.manual.ManualReportService;
import org.springframework.stereotype.Service;

/**
 * Manual reports from the web form: the pasted text goes through the same artefact parsers as
 * {@code shimwatch inspect}, the person sees the resulting report, and sending stores it like any
 * other report (level 1, or level 3 with trap details when they tick the box), under a new
 * installation whose secret is shown to them once.
 */
@Service
class ManualReports implements ManualReportService {

  /** Largest paste read: a few CONFIG.SYS files and trap reports fit many times over. */
  static final int MAX_PASTE = 200_000;

  private final ProjectService projects;
  private final ReportStore store;
  private final Clock clock;
  private final SenderLimiter limiter;
  private final SecureRandom random = new SecureRandom();

  ManualReports(
      ProjectService projects,
      ReportStore store,
      Clock clock,
      org.shimwatch.server.system.ShimwatchProperties properties) {
    this.projects = projects;
    this.store = store;
    this.clock = clock;
    int perHour = properties.manual().sendsPerHour();
    if (perHour < 1) {
      throw new IllegalArgumentException(
          "shimwatch.manual.sends-per-hour must be at least 1, not " + perHour);
    }
    this.limiter = new SenderLimiter(perHour, 3_600);
  }

  @Override
  public Preview preview(ManualReportForm form) {
    return build(form, UUID.randomUUID(), UUID.randomUUID()).preview();
  }

  @Override
  public Sent submit(ManualReportForm form, String sender) {
    if (!limiter.allow(sender)) {
      throw new Refused("Too many reports from here in the last hour; please try again later.");
    }
    UUID installation = UUID.randomUUID();
    Built built = build(form, UUID.randomUUID(), installation);
    if (!built.preview().sendable()) {
      throw new Refused(built.preview().whyNotSendable());
    }
    byte[] b = new byte[24];
    random.nextBytes(b);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Project project = projects.find("default").orElseThrow();
    Receipt receipt =
        store.store(
            project.getId(), built.report(), ReportJson.write(built.report()), secret, false);
    return new Sent(
        receipt.reportId().toString(),
        installation.toString(),
        secret,
        IngestProtocol.installationPath(installation.toString()),
        built.report().comment() != null && !built.report().comment().isBlank());
  }

  private record Built(Preview preview, Report report) {}

  private Built build(ManualReportForm form, UUID reportId, UUID installationId) {
    if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
      throw new Refused("This form could not be accepted.");
    }
    String pasted = form.getPasted() == null ? "" : form.getPasted();
    if (pasted.length() > MAX_PASTE) {
      throw new Refused(
          "The pasted text is longer than "
              + MAX_PASTE
              + " characters; paste the parts that matter.");
    }
    List<String> problems = new ArrayList<>();
    Outcome outcome = Outcome.UNKNOWN;
    try {
      outcome = Outcome.fromWireName(form.getOutcome() == null ? "" : form.getOutcome());
    } catch (IllegalArgumentException e) {
      problems.add("Choose whether the shim worked.");
    }
    String clientName = blankToNull(form.getClientName());
    if (clientName == null) {
      problems.add("Name the client, for example BitTorrent.");
      clientName = "unknown";
    }

    List<String> understood = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    FoldedDiagnostics folded = null;
    if (!pasted.isBlank()) {
      Inspection inspection = ArtefactInspector.inspectText("pasted text", pasted);
      folded = inspection.combined();
      understood.addAll(folded.summary());
      for (Finding f : folded.findings()) {
        findings.add(f.describe());
      }
      for (InspectedPart p : inspection.parts()) {
        if (!p.isRead() && p.problem() != null) {
          String where =
              p.firstLine() == null ? "" : "lines " + p.firstLine() + "–" + p.lastLine() + ": ";
          unread.add(where + p.problem().message());
        }
      }
    }

    Environment.Client client =
        new Environment.Client(clientName, blankToNull(form.getClientVersion()));
    Map<String, String> choices = new HashMap<>();
    putIf(choices, Conflict.STACK_LEVEL, form.getChooseStackLevel());
    putIf(choices, Conflict.OS_VERSION, form.getChooseOsVersion());
    putIf(choices, Conflict.RUNTIME_VERSION, form.getChooseRuntimeVersion());
    List<ManualReportService.Choice> conflicts = new ArrayList<>();
    Environment env = null;
    if (folded != null) {
      for (Conflict c : folded.conflicts()) {
        String chosen = c.allows(choices.get(c.field())) ? choices.get(c.field()) : null;
        conflicts.add(
            new ManualReportService.Choice(
                FORM_FIELDS.get(c.field()),
                c.title(),
                c.choices().stream()
                    .map(o -> new ManualReportService.Option(o.value(), o.source()))
                    .toList(),
                chosen));
      }
      List<Conflict> open = folded.unresolved(choices);
      for (Conflict c : open) {
        problems.add(
            "The pasted text disagrees on the "
                + c.title()
                + " ("
                + c.choices().stream()
                    .map(Conflict.Choice::value)
                    .collect(Collectors.joining(" or "))
                + "): choose the one that describes the system.");
      }
      env = open.isEmpty() ? folded.environmentFor(client, choices) : folded.environmentFor(client);
    }
    if (env == null) {
      env =
          new Environment(
              new Environment.Os("other", null, null, null, null), null, null, null, client, null);
    }
    boolean asksPython = false;
    if (env.os().family().equals("os2")
        && (env.runtime() == null || env.runtime().version() == null)) {
      Environment.Runtime typed = python(blankToNull(form.getPythonVersion()), env.runtime());
      if (typed == null || typed.version() == null) {
        asksPython = true;
      } else if (!Character.isDigit(typed.version().charAt(0))) {
        asksPython = true;
        problems.add(
            "Give the Python version as a number such as 2.3.3, or paste the line Python prints"
                + " when it starts.");
      } else {
        env = new Environment(env.os(), env.stack(), env.fixes(), typed, env.client(), env.shim());
      }
    }
    String shimVersion = blankToNull(form.getShimVersion());
    Environment.InstallMode mode =
        env.shim() == null ? Environment.InstallMode.UNKNOWN : env.shim().installMode();
    if (shimVersion != null || env.shim() == null) {
      env =
          new Environment(
              env.os(),
              env.stack(),
              env.fixes(),
              env.runtime(),
              env.client(),
              new Environment.Shim(shimVersion, mode));
    }
    List<Trap> traps = folded == null ? List.of() : folded.traps();
    boolean diagnostics = form.isIncludeDiagnostics() && !traps.isEmpty();
    Report report =
        new Report(
            Report.SCHEMA_VERSION,
            reportId,
            installationId,
            diagnostics ? 3 : 1,
            clock.instant(),
            Source.MANUAL,
            null,
            outcome,
            blankToNull(form.getComment()),
            env,
            null,
            diagnostics ? traps : null,
            null);
    report = ReportScrubbing.scrub(report, Scrubber.generic());
    for (Violation v : ReportValidator.instance().validate(ReportJson.write(report))) {
      problems.add(explain(v));
    }
    String json = ReportJson.writePretty(report);
    boolean asksShim =
        (report.environment().shim() == null || report.environment().shim().version() == null)
            && mode != Environment.InstallMode.NONE;
    Preview preview =
        new Preview(
            understood,
            findings,
            unread,
            json,
            problems.isEmpty(),
            problems.isEmpty() ? null : String.join(" ", problems),
            conflicts,
            asksPython,
            asksShim);
    return new Built(preview, report);
  }

  /** The form's field for each kind of conflict. */
  private static final Map<String, String> FORM_FIELDS =
      Map.of(
          Conflict.STACK_LEVEL, "chooseStackLevel",
          Conflict.OS_VERSION, "chooseOsVersion",
          Conflict.RUNTIME_VERSION, "chooseRuntimeVersion");

  private static void putIf(Map<String, String> m, String key, String value) {
    String v = blankToNull(value);
    if (v != null) {
      m.put(key, v);
    }
  }

  /**
   * The runtime a person typed: a version, or the line Python prints when it starts. Text that is
   * neither is kept as the version, for the contract check to explain.
   */
  private static Environment.Runtime python(String typed, Environment.Runtime known) {
    if (typed == null) {
      return known;
    }
    String name = known != null ? known.name() : "EMX Python";
    try {
      PythonBanner b = PythonBannerParser.parse(typed);
      return new Environment.Runtime(
          known != null || b.platform() == null ? name : b.runtimeName(), b.version());
    } catch (ArtefactParseException notABanner) {
      return new Environment.Runtime(name, typed);
    }
  }

  private static String explain(Violation v) {
    return switch (v.pointer()) {
      case "/environment/client/name" ->
          "The client name may hold letters, digits, spaces and . _ + ( ) / : , # ' & - only.";
      case "/environment/client/version",
          "/environment/shim/version",
          "/environment/runtime/version" ->
          "Versions may hold letters, digits and . _ + ~ : - only.";
      case "/comment" -> "The comment is at most 4000 characters.";
      default -> "The report cannot be sent as it is: " + v.message();
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
