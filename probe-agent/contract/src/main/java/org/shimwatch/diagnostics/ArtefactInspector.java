package org.shimwatch.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.jvm.HsErrLogParser;
import org.shimwatch.diagnostics.os2.BldlevelOutputParser;
import org.shimwatch.diagnostics.os2.ConfigSysParser;
import org.shimwatch.diagnostics.os2.ExceptqParser;
import org.shimwatch.diagnostics.os2.FileListingParser;
import org.shimwatch.diagnostics.os2.InetverOutputParser;
import org.shimwatch.diagnostics.os2.PopupLogParser;
import org.shimwatch.diagnostics.os2.PythonBannerParser;
import org.shimwatch.diagnostics.os2.SyslevelFileParser;
import org.shimwatch.diagnostics.os2.SyslevelOutputParser;
import org.shimwatch.diagnostics.os2.TrapScreenParser;
import org.shimwatch.diagnostics.os2.VerOutputParser;

/**
 * The one entry point for reading artefacts: {@code shimwatch inspect FILE…} calls {@link
 * #inspectAll}, the server calls {@link #inspectText} for text pasted into the manual report form.
 * Both get the same {@link Inspection}: which artefacts the input holds, what each parser
 * understood, and what they add up to.
 *
 * <p>The kind of each artefact is told by its content; the file name only breaks ties: a file named
 * {@code SYSLEVEL.*} that is not text is read as a binary SYSLEVEL file (so a damaged one gets a
 * precise error), {@code CONFIG.SYS} and batch files are read whole as CONFIG.SYS, {@code
 * hs_err_pid*.log} whole as a JVM crash file, and text nothing recognizes is tried with the parser
 * its name suggests. Text holding several artefacts one after another is split into parts.
 *
 * <p>Nothing here throws for bad input: every problem is a {@link ParseProblem} in the result. The
 * parsers are written so no input makes them fail unexpectedly; should one still do so, the part is
 * reported with reason {@code internal} rather than the exception escaping into a server request or
 * the CLI.
 */
public final class ArtefactInspector {

  /**
   * Most artefacts read from one input. A paste holds a handful; the rest of a longer one is
   * reported as one part not read, so an input cannot make a result many times its size.
   */
  public static final int MAX_PARTS = 64;

  /** Name used for pasted text. */
  public static final String STDIN = "-";

  private static final Pattern SYSLEVEL_NAME =
      Pattern.compile("SYSLEVEL\\.[A-Z0-9_]{1,3}", Pattern.CASE_INSENSITIVE);

  private ArtefactInspector() {}

  /**
   * Inspects several inputs, each on its own and all together.
   *
   * @param inputs the inputs, in the order the user gave them
   */
  public static InspectionSet inspectAll(List<ArtefactInput> inputs) {
    List<Inspection> inspections = new ArrayList<>();
    List<Artefact> all = new ArrayList<>();
    for (ArtefactInput input : inputs) {
      Inspection i = inspect(input.name(), input.content());
      inspections.add(i);
      all.addAll(i.artefacts());
    }
    return new InspectionSet(inspections, DiagnosticsFold.fold(all));
  }

  /**
   * Inspects one input.
   *
   * @param nameHint the file name or path, or {@code -} / {@code null} for pasted text; only its
   *     last component is kept
   * @param content the bytes
   */
  public static Inspection inspect(String nameHint, byte[] content) {
    String name = displayName(nameHint);
    ArtefactKind hinted = kindFromName(name);
    List<InspectedPart> parts = new ArrayList<>();
    if (content != null
        && (SyslevelFileParser.hasSignature(content)
            || (hinted == ArtefactKind.SYSLEVEL_FILE && !looksLikeText(content)))) {
      parts.add(binarySyslevel(content, name));
      return finish(name, parts);
    }
    TextBlock block;
    try {
      block = TextBlock.decode(content);
    } catch (ArtefactParseException e) {
      parts.add(failed(ArtefactKind.UNKNOWN, null, e));
      return finish(name, parts);
    }
    parts.addAll(inspect(block, hinted));
    return finish(name, parts);
  }

  /**
   * Inspects pasted text (what the server's manual report form receives).
   *
   * @param nameHint a name for the text, or {@code null} for {@code -}
   * @param text the text
   */
  public static Inspection inspectText(String nameHint, String text) {
    String name = displayName(nameHint);
    List<InspectedPart> parts = new ArrayList<>();
    TextBlock block;
    try {
      block = TextBlock.of(text);
    } catch (ArtefactParseException e) {
      parts.add(failed(ArtefactKind.UNKNOWN, null, e));
      return finish(name, parts);
    }
    parts.addAll(inspect(block, kindFromName(name)));
    return finish(name, parts);
  }

  /**
   * Reads text as one artefact of a kind the caller already knows (e.g. a form field for
   * CONFIG.SYS).
   *
   * @throws ArtefactParseException when the text is not that artefact; {@code kind} must be a text
   *     kind (not {@code SYSLEVEL_FILE} or {@code UNKNOWN}), or the reason is {@code
   *     NOT_RECOGNIZED}
   */
  public static Artefact parse(ArtefactKind kind, TextBlock block) throws ArtefactParseException {
    try {
      return parseUnguarded(kind, block);
    } catch (RuntimeException | StackOverflowError e) {
      throw internal(kind, e);
    }
  }

  /** The kind a file name suggests, or {@code null}. */
  public static ArtefactKind kindFromName(String name) {
    if (name == null) {
      return null;
    }
    String n = name.toUpperCase(Locale.ROOT);
    if (SYSLEVEL_NAME.matcher(n).matches()) {
      return ArtefactKind.SYSLEVEL_FILE;
    }
    if (n.equals("CONFIG.SYS") || n.endsWith(".CMD") || n.endsWith(".BAT")) {
      return ArtefactKind.CONFIG_SYS;
    }
    if (n.equals("POPUPLOG.OS2")) {
      return ArtefactKind.POPUPLOG;
    }
    if (n.endsWith(".TRP")) {
      return ArtefactKind.EXCEPTQ_REPORT;
    }
    if (n.startsWith("HS_ERR") && n.endsWith(".LOG")) {
      return ArtefactKind.HS_ERR_LOG;
    }
    return null;
  }

  private static List<InspectedPart> inspect(TextBlock quoted, ArtefactKind hinted) {
    // Artefacts arrive inside mail replies ("> ") and source comments ("; ", "# "): read what is
    // quoted, keeping the line numbers of the input.
    TextBlock block = quoted.withoutQuotePrefix();
    if (hinted == ArtefactKind.CONFIG_SYS || hinted == ArtefactKind.HS_ERR_LOG) {
      // These files hold one artefact each; reading them whole keeps, say, a REM line that quotes
      // other text from being taken for another artefact.
      InspectedPart whole = read(hinted, block);
      if (whole.isRead()) {
        return List.of(whole);
      }
    }
    List<ArtefactSplitter.Segment> segments = ArtefactSplitter.split(block);
    List<InspectedPart> parts = new ArrayList<>();
    for (int k = 0; k < segments.size(); k++) {
      ArtefactSplitter.Segment s = segments.get(k);
      if (k == MAX_PARTS) {
        TextBlock rest = block.slice(s.from(), block.size());
        int first = firstNonBlank(rest);
        ArtefactParseException e =
            ArtefactParseException.atLine(
                Reason.TOO_LARGE,
                first,
                (segments.size() - MAX_PARTS)
                    + " more artefacts were not read: one input is read for its first "
                    + MAX_PARTS);
        parts.add(failed(ArtefactKind.UNKNOWN, new int[] {first, lastNonBlank(rest)}, e));
        break;
      }
      TextBlock part = block.slice(s.from(), s.to());
      if (s.kind() == ArtefactKind.UNKNOWN) {
        if (segments.size() == 1
            && hinted != null
            && hinted != ArtefactKind.SYSLEVEL_FILE
            && hinted != ArtefactKind.CONFIG_SYS
            && hinted != ArtefactKind.HS_ERR_LOG) {
          parts.add(read(hinted, part));
        } else {
          parts.add(unrecognized(part));
        }
      } else {
        parts.add(read(s.kind(), part));
      }
    }
    return parts;
  }

  private static InspectedPart read(ArtefactKind kind, TextBlock part) {
    int first = firstNonBlank(part);
    int last = lastNonBlank(part);
    try {
      Artefact a = parse(kind, part);
      return new InspectedPart(kind, first, last, a, null, a.summary());
    } catch (ArtefactParseException e) {
      return failed(kind, new int[] {first, last}, e);
    }
  }

  private static Artefact parseUnguarded(ArtefactKind kind, TextBlock block)
      throws ArtefactParseException {
    switch (kind) {
      case SYSLEVEL_OUTPUT:
        return SyslevelOutputParser.parse(block);
      case POPUPLOG:
        return PopupLogParser.parse(block);
      case TRAP_SCREEN:
        return TrapScreenParser.parse(block);
      case EXCEPTQ_REPORT:
        return ExceptqParser.parse(block);
      case VER_OUTPUT:
        return VerOutputParser.parse(block);
      case INETVER_OUTPUT:
        return InetverOutputParser.parse(block);
      case BLDLEVEL_OUTPUT:
        return BldlevelOutputParser.parse(block);
      case CONFIG_SYS:
        return ConfigSysParser.parse(block);
      case FILE_LISTING:
        return FileListingParser.parse(block);
      case HS_ERR_LOG:
        return HsErrLogParser.parse(block);
      case PYTHON_BANNER:
        return PythonBannerParser.parse(block);
      default:
        throw ArtefactParseException.atLine(
            Reason.NOT_RECOGNIZED,
            block.number(0),
            "not a known artefact: expected syslevel output, POPUPLOG.OS2, a trap screen, an"
                + " EXCEPTQ report, ver, inetver or BLDLEVEL output, CONFIG.SYS, a file listing"
                + " or a JVM crash file");
    }
  }

  private static InspectedPart binarySyslevel(byte[] content, String name) {
    try {
      Artefact a = SyslevelFileParser.parse(content, name);
      return new InspectedPart(ArtefactKind.SYSLEVEL_FILE, null, null, a, null, a.summary());
    } catch (ArtefactParseException e) {
      return failed(ArtefactKind.SYSLEVEL_FILE, null, e);
    } catch (RuntimeException | StackOverflowError e) {
      return failed(ArtefactKind.SYSLEVEL_FILE, null, internal(ArtefactKind.SYSLEVEL_FILE, e));
    }
  }

  private static InspectedPart unrecognized(TextBlock part) {
    int first = firstNonBlank(part);
    ArtefactParseException e =
        ArtefactParseException.atLine(
            Reason.NOT_RECOGNIZED,
            first,
            "not recognized as any artefact Shimwatch reads (syslevel, POPUPLOG.OS2, trap screen,"
                + " EXCEPTQ, ver, inetver, BLDLEVEL, CONFIG.SYS, file listing, JVM crash file)");
    return failed(ArtefactKind.UNKNOWN, new int[] {first, lastNonBlank(part)}, e);
  }

  private static InspectedPart failed(ArtefactKind kind, int[] lines, ArtefactParseException e) {
    ParseProblem problem = e.toProblem();
    return new InspectedPart(
        kind,
        lines == null ? null : lines[0],
        lines == null ? null : lines[1],
        null,
        problem,
        List.of("not read: " + problem.message()));
  }

  private static ArtefactParseException internal(ArtefactKind kind, Throwable e) {
    return ArtefactParseException.whole(
        Reason.INTERNAL,
        "the " + kind.title() + " parser failed (" + e.getClass().getSimpleName() + ")");
  }

  private static Inspection finish(String name, List<InspectedPart> parts) {
    List<Artefact> artefacts = new ArrayList<>();
    for (InspectedPart p : parts) {
      if (p.artefact() != null) {
        artefacts.add(p.artefact());
      }
    }
    return new Inspection(name, parts, DiagnosticsFold.fold(artefacts));
  }

  private static String displayName(String nameHint) {
    if (nameHint == null || nameHint.isBlank() || nameHint.strip().equals(STDIN)) {
      return STDIN;
    }
    String n = TrapFields.fileName(nameHint);
    return n == null ? STDIN : n;
  }

  /** Whether the first bytes look like text: no NUL, no control bytes other than line ends. */
  private static boolean looksLikeText(byte[] content) {
    int n = Math.min(content.length, 512);
    for (int i = 0; i < n; i++) {
      int b = content[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1a && b != 0x1b) {
        return false;
      }
    }
    return content.length > 0 && (content[0] & 0xff) != 0xff;
  }

  private static int firstNonBlank(TextBlock part) {
    for (int i = 0; i < part.size(); i++) {
      if (!part.line(i).isBlank()) {
        return part.number(i);
      }
    }
    return part.size() == 0 ? 1 : part.number(0);
  }

  private static int lastNonBlank(TextBlock part) {
    for (int i = part.size() - 1; i >= 0; i--) {
      if (!part.line(i).isBlank()) {
        return part.number(i);
      }
    }
    return part.size() == 0 ? 1 : part.number(part.size() - 1);
  }
}
