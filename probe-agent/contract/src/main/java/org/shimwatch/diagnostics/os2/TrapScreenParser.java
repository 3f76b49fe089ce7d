package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;
import org.shimwatch.diagnostics.TrapFields;
import org.shimwatch.report.Trap;

/**
 * Reads OS/2 kernel trap screens: {@code Exception in module: NAME} (or {@code Exception in device
 * driver: NAME}, or neither on older kernels), {@code TRAP 000e ERRCD=...}, register lines (absent
 * on some screens), "internal processing error at location ##ssss:oooooooo - oooo:xxxx.", numbers,
 * and {@code Internal revision 14.097_UNI}.
 */
public final class TrapScreenParser {

  // "Exeption" is how one widely copied JFS screen spells it; the rest of the line is the same.
  private static final Pattern EXCEPTION_IN =
      Pattern.compile(
          "\\s*Exc?eption\\s+in\\s+(module|device\\s+driver)\\s*:\\s*(\\S{1,128})\\s*",
          Pattern.CASE_INSENSITIVE);
  // TRAP 000e, and on OS/2 1.x "TRAP: 000D" (some copies write "TRAP=0006").
  private static final Pattern TRAP =
      Pattern.compile(
          "\\s*TRAP\\s*[:=]?\\s*([0-9A-Fa-f]{4})(?=\\s|$)(.*)", Pattern.CASE_INSENSITIVE);
  // "location ##0168:fff1e3f3 - 000e:c3f3", "location # 3430:0590" (OS/2 1.x), "location
  // 0228:37CD",
  // and "##1200: 04ba" where a help file wrapped the offset.
  private static final Pattern LOCATION =
      Pattern.compile(
          "(?:#{1,2}|\\blocation)\\s*([0-9A-Fa-f]{4}):\\s?([0-9A-Fa-f]{4,8})(?![0-9A-Fa-f])"
              + "(?:\\s*-\\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{1,8}))?\\.?(?:\\s+([0-9A-Fa-f]{8}))?",
          Pattern.CASE_INSENSITIVE);

  /** The location alone on a line, after a line that ended with "at location". */
  private static final Pattern BARE_LOCATION =
      Pattern.compile(
          "\\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4,8})"
              + "(?:\\s*-\\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{1,8}))?\\.?(?:\\s+([0-9A-Fa-f]{8}))?\\s*");

  /** The object:offset half of a location wrapped onto the next line: "- 0002:04ba." */
  private static final Pattern LOCATION_TAIL =
      Pattern.compile("\\s*-\\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{1,8})\\.?\\s*");

  private static final Pattern ENDS_WITH_LOCATION =
      Pattern.compile(".*\\blocation\\s*#{0,2}\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern PROCESSING_ERROR =
      Pattern.compile("internal\\s+processing\\s+error", Pattern.CASE_INSENSITIVE);
  private static final Pattern REVISION =
      Pattern.compile(
          "\\s*Internal\\s+revision\\s+([0-9][0-9A-Za-z._]{0,60})"
              + "(?:\\s*,\\s*(\\d{2}/\\d{2}/\\d{2}))?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DECIMAL_CODES =
      Pattern.compile("\\s*(\\d{1,10}\\s*,\\s*\\d{1,10})\\s*");
  private static final Pattern SELECTOR_OFFSET = Pattern.compile("[0-9A-Fa-f]{4}:[0-9A-Fa-f]{1,8}");
  private static final Pattern HEX_CODE = Pattern.compile("\\s*([0-9A-Fa-f]{8})\\s*");
  // The kernel's own sentences around the location, also when a mail client cut them into pieces.
  private static final Pattern PROSE =
      Pattern.compile(
          "system\\s+detected|processing\\s+error|internal\\s+processing|is\\s+stopped"
              + "|system\\s+stopped|service\\s+representative|above\\s+information"
              + "|location\\s+number|contact\\s+your|record\\s+all|record\\s+the"
              + "|^\\s*(?:at\\s+)?location\\s*#{0,2}\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** A driver's or the kernel's own message: a few words at least, not a cut-off piece. */
  private static final Pattern MESSAGE = Pattern.compile("\\s*\\S+(?:\\s+\\S+){2,}\\s*");

  /** Text a person typed in place of what they did not copy, e.g. "<register contents>". */
  private static final Pattern PLACEHOLDER_LINE = Pattern.compile("\\s*<[^>]{1,60}>\\s*");

  /** Most free-text lines kept from one screen; a screen has one or two. */
  static final int MAX_MESSAGES = 8;

  private TrapScreenParser() {}

  /**
   * Whether a line starts a trap screen: {@code Exception in module:}, a {@code TRAP} line, or the
   * "internal processing error" line that opens screens without a register dump.
   */
  public static boolean isStart(String line) {
    return EXCEPTION_IN.matcher(line).matches()
        || TRAP.matcher(line).matches()
        || isProcessingErrorLine(line);
  }

  /** Whether a line says "internal processing error" (the kernel's own stop message). */
  public static boolean isProcessingErrorLine(String line) {
    return line.length() < 400 && PROCESSING_ERROR.matcher(line).find();
  }

  /** Whether a line is a trap screen's {@code Exception in ...:} line. */
  public static boolean isExceptionLine(String line) {
    return EXCEPTION_IN.matcher(line).matches();
  }

  /** Reads a trap screen from text. */
  public static TrapScreen parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads a trap screen.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} when there is no {@code TRAP} line, no
   *     {@code Exception in} line and no {@code ##} location
   */
  public static TrapScreen parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    String module = null;
    boolean deviceDriver = false;
    String trapNumber = null;
    String detectedAt = null;
    String detectedAtObjectOffset = null;
    String revision = null;
    String revisionDate = null;
    boolean locationNext = false;
    List<String> codes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    int lastMessageLine = -2;
    Map<String, String> registers = new TreeMap<>();
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      if (line.isBlank()) {
        continue;
      }
      int number = block.number(i);
      // A quoted reply wrapped after quoting: a person reads the rests as part of their line.
      while (i + 1 < block.size() && block.isContinuation(i + 1) && line.length() < 400) {
        line = line.stripTrailing() + " " + block.line(++i).strip();
      }
      boolean expectLocation = locationNext;
      locationNext = false;
      Matcher m;
      if ((m = EXCEPTION_IN.matcher(line)).matches()) {
        if (module != null) {
          notes.at(number, "a second 'Exception in' line was skipped");
          continue;
        }
        module = TrapFields.fileName(m.group(2));
        deviceDriver = m.group(1).toLowerCase(Locale.ROOT).startsWith("device");
      } else if ((m = TRAP.matcher(line)).matches()) {
        if (trapNumber != null) {
          notes.at(number, "a second TRAP line was skipped");
          continue;
        }
        trapNumber = TrapFields.trapNumber(m.group(1));
        if (RegisterPairs.read(m.group(2), registers) > 0) {
          notes.at(number, "values that are not hex numbers were left out");
        }
      } else if ((m = REVISION.matcher(line)).lookingAt()) {
        revision = revision(m.group(1));
        revisionDate = m.group(2);
      } else if (detectedAt == null && (m = LOCATION.matcher(line)).find()) {
        detectedAt = location(m, codes);
        detectedAtObjectOffset = objectOffset(m);
      } else if (detectedAt == null
          && expectLocation
          && (m = BARE_LOCATION.matcher(line)).matches()) {
        detectedAt = location(m, codes);
        detectedAtObjectOffset = objectOffset(m);
      } else if (detectedAt != null
          && detectedAtObjectOffset == null
          && (m = LOCATION_TAIL.matcher(line)).matches()) {
        detectedAtObjectOffset =
            m.group(1).toLowerCase(Locale.ROOT) + ":" + m.group(2).toLowerCase(Locale.ROOT);
      } else if (RegisterPairs.isRegisterLine(line)) {
        if (RegisterPairs.read(line, registers) > 0) {
          notes.at(number, "register values that are not hex numbers were left out");
        }
      } else if (detectedAt != null && (m = DECIMAL_CODES.matcher(line)).matches()) {
        codes.add(m.group(1).replaceAll("\\s*,\\s*", ", "));
      } else if (detectedAt != null && (m = HEX_CODE.matcher(line)).matches()) {
        codes.add(m.group(1).toLowerCase(Locale.ROOT));
      } else if (PLACEHOLDER_LINE.matcher(line).matches()) {
        notes.at(number, "the screen was copied without this part: " + line.strip());
      } else if (isProcessingErrorLine(line) || PROSE.matcher(line).find()) {
        locationNext = ENDS_WITH_LOCATION.matcher(line).matches();
      } else if (!messages.isEmpty()
          && lastMessageLine == i - 1
          && (block.isContinuation(i) || MESSAGE.matcher(line).matches())) {
        // The next line of the same message: the screen or a mail client wrapped it.
        String text = TrapFields.text(line, 200);
        int last = messages.size() - 1;
        if (text != null && messages.get(last).length() < 400) {
          messages.set(last, messages.get(last) + " " + text);
        }
        lastMessageLine = i;
      } else if ((detectedAt != null || trapNumber != null)
          && MESSAGE.matcher(line).matches()
          && messages.size() < MAX_MESSAGES) {
        String text = TrapFields.text(line, 200);
        if (text != null) {
          messages.add(text);
          lastMessageLine = i;
        }
      } else {
        notes.at(number, "line not understood, skipped");
      }
    }
    if (trapNumber == null && module == null && detectedAt == null) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not a kernel trap screen: no TRAP line, no 'Exception in module' line"
              + " and no ## location");
    }
    if (trapNumber == null) {
      notes.whole("the screen has no TRAP line: the trap number is not known");
    }
    String faultAddress = null;
    String codeAddress = null;
    String csEip = registers.get("CS:EIP");
    if (csEip != null && csEip.indexOf(':') > 0) {
      String selector = TrapFields.object(csEip.substring(0, csEip.indexOf(':')));
      faultAddress = TrapFields.offset(csEip.substring(csEip.indexOf(':') + 1));
      if (selector != null && faultAddress != null) {
        codeAddress = selector + ":" + csEip.substring(csEip.indexOf(':') + 1);
      }
    } else if (registers.get("CS") != null && registers.get("IP") != null) {
      // OS/2 1.x screens print the 16-bit registers one by one.
      String selector = TrapFields.object(registers.get("CS"));
      String ip = TrapFields.object(registers.get("IP"));
      if (selector != null && ip != null) {
        codeAddress = selector + ":" + ip;
        faultAddress = TrapFields.offset(ip);
      }
    }
    String location = location(csEip, detectedAt);
    String errorCode = registers.get("ERRCD");
    Trap trap =
        new Trap(
            Trap.TrapSource.OS2_TRAP_SCREEN,
            null,
            null,
            null,
            trapNumber,
            null,
            null,
            module,
            null,
            null,
            faultAddress,
            null,
            revision,
            null,
            registers.isEmpty() ? null : registers,
            null,
            location);
    return new TrapScreen(
        trap,
        deviceDriver,
        detectedAt,
        detectedAtObjectOffset,
        codes,
        notes.list(),
        errorCode,
        codeAddress,
        revisionDate,
        messages);
  }

  private static String location(Matcher m, List<String> codes) {
    if (m.group(5) != null) {
      codes.add(m.group(5).toLowerCase(Locale.ROOT));
    }
    return m.group(1).toLowerCase(Locale.ROOT) + ":" + m.group(2).toLowerCase(Locale.ROOT);
  }

  private static String objectOffset(Matcher m) {
    return m.group(3) == null
        ? null
        : m.group(3).toLowerCase(Locale.ROOT) + ":" + m.group(4).toLowerCase(Locale.ROOT);
  }

  /**
   * Where a person reading the screen places the fault, as {@code selector:offset}: CS:EIP when the
   * screen has a register dump (the faulting instruction), else the internal processing error's
   * {@code ##} location; {@code null} when the screen shows neither.
   *
   * @param csEip the {@code CS:EIP} register value as read, or {@code null}
   * @param detectedAt the {@code ##} location as {@code ssss:oooooooo}, or {@code null}
   */
  public static String location(String csEip, String detectedAt) {
    if (csEip != null && SELECTOR_OFFSET.matcher(csEip).matches()) {
      return csEip.toLowerCase(Locale.ROOT);
    }
    if (detectedAt != null && SELECTOR_OFFSET.matcher(detectedAt).matches()) {
      return detectedAt.toLowerCase(Locale.ROOT);
    }
    return null;
  }

  /** A kernel revision as the contract carries it: {@code 14.097_UNI}, without a final dot. */
  static String revision(String raw) {
    String r = raw;
    while (r.endsWith(".") || r.endsWith("_")) {
      r = r.substring(0, r.length() - 1);
    }
    return TrapFields.version(r);
  }
}
