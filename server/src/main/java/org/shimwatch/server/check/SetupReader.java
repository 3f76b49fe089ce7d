package org.shimwatch.server.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactInspector;
import org.shimwatch.diagnostics.Finding;
import org.shimwatch.diagnostics.FoldedDiagnostics;
import org.shimwatch.diagnostics.InspectedPart;
import org.shimwatch.diagnostics.Inspection;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.report.Source;
import org.shimwatch.report.Violation;
import org.shimwatch.server.matrix.MatrixTables;
import org.shimwatch.server.matrix.RowGroup;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.check.CheckInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a visitor's setup from what they gave, with the contract's artefact readers (the same ones
 * the manual report form and {@code shimwatch inspect} use) for pasted text, and the contract's
 * validator for an environment sent by {@code shimwatch check}. Picked values override the paste.
 */
final class SetupReader {

  /** Largest paste read: the manual report form's limit, for the same reasons. */
  static final int MAX_PASTE = 200_000;

  /** Longest picked platform or stack. */
  static final int MAX_PICK = 200;

  /** Most fixes picked. */
  static final int MAX_FIXES = 64;

  /** A fix typed by hand: a CSD level (UN02200, XR_M015 style), an id, or kind:id[=version]. */
  private static final Pattern FIX_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:=+~-]{0,63}");

  /** CSD levels: two letters, a country character, four digits. */
  private static final Pattern CSD = Pattern.compile("[A-Z]{2}[0-9A-Z_]\\d{4}");

  private static final Set<String> FIX_KINDS =
      Set.of("csd", "fixpak", "newstack", "package", "other");

  private SetupReader() {}

  /**
   * The setup, or {@code null} when nothing could be read (then {@code unread} says why).
   *
   * @param rows the project's matrix rows, to resolve picked platforms and stacks
   * @param unread receives the parts of the paste that could not be read
   * @param understood receives what was read
   */
  static CheckedSetup read(
      CheckInput in, List<MatrixTables.Row> rows, List<String> understood, List<String> unread) {
    if (in.isEmpty()) {
      throw new BadQueryException(
          "nothing-to-check",
          "pasted",
          "Paste what your system says (syslevel, inetver, ver, CONFIG.SYS, a file listing of"
              + " the Python folder), or pick a platform, stack and fixes.");
    }
    String pasted = in.pasted() == null ? "" : in.pasted();
    if (pasted.length() > MAX_PASTE) {
      throw new BadQueryException(
          "paste-too-long",
          "pasted",
          "The pasted text is longer than "
              + MAX_PASTE
              + " characters; paste the parts that matter.");
    }
    String platform = BadQueryException.text("platform", in.platform(), MAX_PICK);
    String stack = BadQueryException.text("stack", in.stack(), MAX_PICK);
    List<Environment.Fix> pickedFixes = fixes(in.fixes());
    String client = BadQueryException.text("client", in.client(), MAX_PICK);
    String clientVersion = BadQueryException.text("clientVersion", in.clientVersion(), MAX_PICK);

    Environment env = null;
    Environment.InstallMode mode = null;
    List<String> installNotes = new ArrayList<>();
    if (in.environmentJson() != null && !in.environmentJson().isBlank()) {
      env = environment(in.environmentJson());
      understood.add("the environment shimwatch check read on your machine");
      if (env.shim() != null) {
        mode = env.shim().installMode();
      }
    }
    if (!pasted.isBlank()) {
      Inspection inspection = ArtefactInspector.inspectText("pasted text", pasted);
      FoldedDiagnostics folded = inspection.combined();
      for (InspectedPart p : inspection.parts()) {
        if (p.isRead()) {
          understood.add("read " + p.kind().title() + lines(p));
        } else if (p.problem() != null) {
          unread.add(
              (p.firstLine() == null ? "" : "lines " + p.firstLine() + "–" + p.lastLine() + ": ")
                  + p.problem().message());
        }
      }
      understood.addAll(folded.summary());
      if (folded.environment() != null) {
        env = env == null ? folded.environment() : merge(env, folded.environment());
      }
      if (folded.install() != null) {
        mode = folded.install().mode();
        for (Finding f : folded.install().findings()) {
          installNotes.add(f.message());
        }
      }
    }

    boolean picked = platform != null || stack != null || !pickedFixes.isEmpty();
    if (env == null && !picked) {
      if (unread.isEmpty()) {
        unread.add(
            "nothing in the pasted text is output Shimwatch reads: paste syslevel, inetver or ver"
                + " output, CONFIG.SYS lines, a file listing of the Python folder, POPUPLOG.OS2"
                + " entries or a trap screen");
      }
      return null;
    }
    Environment.Os os = env == null ? null : env.os();
    Environment.Stack st = env == null ? null : env.stack();
    if (platform != null) {
      os = platform(platform, rows, os);
    }
    if (stack != null) {
      st = stack(stack, os == null ? null : os.family(), rows, st);
    }
    List<Environment.Fix> allFixes = new ArrayList<>();
    if (env != null && env.fixes() != null) {
      allFixes.addAll(env.fixes());
    }
    allFixes.addAll(pickedFixes);
    if (os == null) {
      os = new Environment.Os(guessFamily(st, allFixes), null, null, null, null);
    }
    Environment.Client c =
        client != null
            ? new Environment.Client(client, clientVersion)
            : env == null ? null : env.client();
    Environment result =
        new Environment(
            os,
            st,
            allFixes.isEmpty() ? null : dedupe(allFixes),
            env == null ? null : env.runtime(),
            c,
            env == null ? null : env.shim());
    if (picked) {
      understood.add("what you picked: " + describePick(platform, stack, pickedFixes));
    }
    return new CheckedSetup(
        result,
        RowGroup.of(result),
        RowGroup.fixEntries(result.fixes()),
        understood,
        unread,
        mode,
        installNotes);
  }

  private static String lines(InspectedPart p) {
    return p.firstLine() == null ? "" : " (lines " + p.firstLine() + "–" + p.lastLine() + ")";
  }

  private static String describePick(String platform, String stack, List<Environment.Fix> fixes) {
    List<String> parts = new ArrayList<>();
    if (platform != null) {
      parts.add("platform " + platform);
    }
    if (stack != null) {
      parts.add("stack " + stack);
    }
    if (!fixes.isEmpty()) {
      parts.add("fixes " + String.join(", ", RowGroup.fixEntries(fixes)));
    }
    return String.join("; ", parts);
  }

  /**
   * The environment {@code shimwatch check} sent: the contract's {@code environment} object,
   * checked by the contract's own validator inside a report made for the purpose (never stored).
   */
  static Environment environment(String json) {
    JsonNode raw;
    Environment env;
    try {
      raw = ReportJson.mapper().readTree(json);
      env = ReportJson.mapper().treeToValue(raw, Environment.class);
    } catch (RuntimeException e) {
      throw new BadQueryException(
          "invalid-environment",
          "environment",
          "environment is not the contract's environment object");
    }
    if (env == null || env.os() == null || !(raw instanceof ObjectNode given)) {
      throw new BadQueryException(
          "invalid-environment", "environment", "environment needs at least os.family");
    }
    // The environment exactly as sent (unknown fields included) goes into a report made for the
    // purpose, so the contract's own validator judges it; the report is never stored.
    ObjectNode checked = given.deepCopy();
    if (!checked.has("client")) {
      checked.set("client", ReportJson.mapper().createObjectNode().put("name", "unknown"));
    }
    Report report =
        new Report(
            Report.SCHEMA_VERSION,
            UUID.randomUUID(),
            UUID.randomUUID(),
            1,
            Instant.now(),
            Source.CLI,
            null,
            Outcome.UNKNOWN,
            null,
            new Environment(
                env.os(), null, null, null, new Environment.Client("unknown", null), null),
            null,
            null,
            null);
    ObjectNode document = (ObjectNode) ReportJson.mapper().readTree(ReportJson.write(report));
    document.set("environment", checked);
    List<Violation> violations = ReportValidator.instance().validate(document.toString());
    if (!violations.isEmpty()) {
      Violation v = violations.get(0);
      String pointer = v.pointer().startsWith("/environment") ? v.pointer() : "/environment";
      throw new BadQueryException(
          "invalid-environment",
          "environment",
          "environment breaks the report contract at " + pointer + ": " + v.message());
    }
    return env;
  }

  /** What the paste says, with the environment sent filling what the paste leaves open. */
  private static Environment merge(Environment sent, Environment pasted) {
    return new Environment(
        pasted.os() != null ? pasted.os() : sent.os(),
        pasted.stack() != null ? pasted.stack() : sent.stack(),
        pasted.fixes() != null ? pasted.fixes() : sent.fixes(),
        pasted.runtime() != null ? pasted.runtime() : sent.runtime(),
        sent.client(),
        pasted.shim() != null ? pasted.shim() : sent.shim());
  }

  /** A picked platform: an OS family, or a platform label the matrix shows. */
  private static Environment.Os platform(
      String platform, List<MatrixTables.Row> rows, Environment.Os read) {
    for (MatrixTables.Row r : rows) {
      if (r.platformLabel().equalsIgnoreCase(platform)) {
        return new Environment.Os(
            r.osFamily(), blankToNull(r.osName()), blankToNull(r.osVersion()), null, null);
      }
    }
    String family = platform.toLowerCase(Locale.ROOT);
    if (family.equals("os2") || family.equals("linux")) {
      if (read != null && read.family().equals(family)) {
        return read;
      }
      return new Environment.Os(family, null, null, null, null);
    }
    throw new BadQueryException(
        "unknown-platform",
        "platform",
        "The matrix has no platform called " + platform + "; pick one it lists, or os2 or linux.");
  }

  /** A picked stack: a stack label or version the matrix shows, or a version number. */
  private static Environment.Stack stack(
      String stack, String family, List<MatrixTables.Row> rows, Environment.Stack read) {
    for (MatrixTables.Row r : rows) {
      if ((family == null || r.osFamily().equals(family))
          && (r.stackLabel().equalsIgnoreCase(stack) || r.stackVersion().equalsIgnoreCase(stack))) {
        return new Environment.Stack(
            blankToNull(r.stackName()),
            blankToNull(r.stackVersion()),
            read == null ? null : read.level(),
            read == null ? null : read.components());
      }
    }
    if (stack.matches("\\d+(\\.\\d+){0,3}")) {
      String name = "linux".equals(family) ? "linux" : "os2".equals(family) ? "os2-tcpip" : null;
      return new Environment.Stack(
          name == null && read != null ? read.name() : name,
          stack,
          read == null ? null : read.level(),
          read == null ? null : read.components());
    }
    throw new BadQueryException(
        "unknown-stack",
        "stack",
        "The matrix has no stack called "
            + stack
            + "; pick one it lists, or give its version (4.3).");
  }

  /** Fixes typed by hand, separated by commas or spaces. */
  static List<Environment.Fix> fixes(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Environment.Fix> out = new ArrayList<>();
    for (String token : text.strip().split("[,;\\s]+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (!FIX_TOKEN.matcher(token).matches()) {
        throw new BadQueryException(
            "invalid-fix",
            "fixes",
            "A fix is a CSD level (UN02200), NEWSTACK, or kind:id; this one is not: "
                + (token.length() > 40 ? token.substring(0, 40) + "…" : token));
      }
      out.add(fix(token));
      if (out.size() > MAX_FIXES) {
        throw new BadQueryException("invalid-fix", "fixes", "at most " + MAX_FIXES + " fixes");
      }
    }
    return out;
  }

  private static Environment.Fix fix(String token) {
    int colon = token.indexOf(':');
    if (colon > 0 && FIX_KINDS.contains(token.substring(0, colon).toLowerCase(Locale.ROOT))) {
      String kind = token.substring(0, colon).toLowerCase(Locale.ROOT);
      String rest = token.substring(colon + 1);
      int eq = rest.indexOf('=');
      String id = eq < 0 ? rest : rest.substring(0, eq);
      String version = eq < 0 ? null : rest.substring(eq + 1);
      if (id.isEmpty()) {
        throw new BadQueryException("invalid-fix", "fixes", "a fix needs an id after its kind");
      }
      return new Environment.Fix(kind, id, version == null || version.isEmpty() ? null : version);
    }
    String upper = token.toUpperCase(Locale.ROOT);
    if (upper.startsWith("NEWSTACK")) {
      return new Environment.Fix("newstack", "NEWSTACK", null);
    }
    if (CSD.matcher(upper).matches()) {
      return new Environment.Fix("csd", upper, null);
    }
    return new Environment.Fix("other", token, null);
  }

  private static List<Environment.Fix> dedupe(List<Environment.Fix> fixes) {
    return new ArrayList<>(new LinkedHashSet<>(fixes));
  }

  /** Without a platform: OS/2 when the stack or fixes say so, else other. */
  private static String guessFamily(Environment.Stack stack, List<Environment.Fix> fixes) {
    if (stack != null && "os2-tcpip".equals(stack.name())) {
      return "os2";
    }
    if (stack != null && "linux".equals(stack.name())) {
      return "linux";
    }
    for (Environment.Fix f : fixes) {
      if (f.kind().equals("newstack") || f.id().toUpperCase(Locale.ROOT).startsWith("UN")) {
        return "os2";
      }
    }
    return "other";
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
