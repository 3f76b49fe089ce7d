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

  private static final Pattern EXCEPTION_IN =
      Pattern.compile(
          "\\s*Exception\\s+in\\s+(module|device\\s+driver)\\s*:\\s*(\\S{1,128})\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TRAP =
      Pattern.compile("\\s*TRAP\\s+([0-9A-Fa-f]{4})(?=\\s|$)(.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern LOCATION =
      Pattern.compile(
          "##\\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4,8})"
              + "(?:\\s*-\\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{1,8}))?");
  private static final Pattern REVISION =
      Pattern.compile(
          "\\s*Internal\\s+revision\\s+([0-9][0-9A-Za-z._]{0,60})", Pattern.CASE_INSENSITIVE);
  private static final Pattern DECIMAL_CODES =
      Pattern.compile("\\s*(\\d{1,10}\\s*,\\s*\\d{1,10})\\s*");
  private static final Pattern SELECTOR_OFFSET = Pattern.compile("[0-9A-Fa-f]{4}:[0-9A-Fa-f]{1,8}");
  private static final Pattern HEX_CODE = Pattern.compile("\\s*([0-9A-Fa-f]{8})\\s*");
  private static final Pattern PROSE =
      Pattern.compile(
          "\\s*(?:The system detected|location|The system is stopped|contact your service"
              + "|Record all of the above).*",
          Pattern.CASE_INSENSITIVE);

  private TrapScreenParser() {}

  /** Whether a line starts a trap screen: {@code Exception in module:} or a {@code TRAP} line. */
  public static boolean isStart(String line) {
    return EXCEPTION_IN.matcher(line).matches() || TRAP.matcher(line).matches();
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
    List<String> codes = new ArrayList<>();
    Map<String, String> registers = new TreeMap<>();
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      if (line.isBlank()) {
        continue;
      }
      int number = block.number(i);
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
      } else if ((m = LOCATION.matcher(line)).find()) {
        detectedAt =
            m.group(1).toLowerCase(Locale.ROOT) + ":" + m.group(2).toLowerCase(Locale.ROOT);
        if (m.group(3) != null) {
          detectedAtObjectOffset =
              m.group(3).toLowerCase(Locale.ROOT) + ":" + m.group(4).toLowerCase(Locale.ROOT);
        }
      } else if (RegisterPairs.isRegisterLine(line)) {
        if (RegisterPairs.read(line, registers) > 0) {
          notes.at(number, "register values that are not hex numbers were left out");
        }
      } else if (detectedAt != null && (m = DECIMAL_CODES.matcher(line)).matches()) {
        codes.add(m.group(1).replaceAll("\\s*,\\s*", ", "));
      } else if (detectedAt != null && (m = HEX_CODE.matcher(line)).matches()) {
        codes.add(m.group(1).toLowerCase(Locale.ROOT));
      } else if (!PROSE.matcher(line).matches()) {
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
    String csEip = registers.get("CS:EIP");
    if (csEip != null && csEip.indexOf(':') > 0) {
      faultAddress = TrapFields.offset(csEip.substring(csEip.indexOf(':') + 1));
    }
    String location = location(csEip, detectedAt);
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
        trap, deviceDriver, detectedAt, detectedAtObjectOffset, codes, notes.list());
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
