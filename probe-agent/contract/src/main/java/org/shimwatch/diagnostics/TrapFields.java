package org.shimwatch.diagnostics;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts values read from artefacts into the shape the report contract gives the fields of a {@link
 * org.shimwatch.report.Trap}, so that every parser produces traps that pass the contract and that
 * group together across sources.
 *
 * <p>Hex numbers are made canonical: lower case, no {@code 0x}, zero-padded to a fixed width (4
 * digits for an object, 8 for offsets and addresses). A POPUPLOG.OS2 entry writes {@code
 * 0001:0000a1f4} where EXCEPTQ writes {@code 0001:0000A1F4}; trap groups key on module, object,
 * offset and code, so both must come out the same.
 */
public final class TrapFields {

  /** Most frames a trap carries (the contract's limit). */
  public static final int MAX_FRAMES = 64;

  /** Most registers a trap carries (the contract's limit). */
  public static final int MAX_REGISTERS = 64;

  /** Longest module or process name the contract accepts. */
  public static final int MAX_NAME = 128;

  /** Longest frame symbol the contract accepts. */
  public static final int MAX_SYMBOL = 256;

  /** Longest register value the contract accepts. */
  public static final int MAX_REGISTER_VALUE = 32;

  /** Largest count the contract accepts: the largest integer a JSON double holds exactly. */
  public static final long MAX_COUNT = 9007199254740991L;

  private static final Pattern HEX = Pattern.compile("(?:0[xX])?0*([0-9a-fA-F]{1,16})");
  private static final Pattern REGISTER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9:_]{0,15}");
  private static final Pattern REGISTER_VALUE =
      Pattern.compile("(?:0[xX])?[0-9a-fA-F]{1,16}(?::[0-9a-fA-F]{1,16})?");
  private static final Pattern PLACEHOLDER = Pattern.compile("[*]+|[Xx]+|[?]+");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~:-]{0,63}");

  private TrapFields() {}

  /**
   * Canonical hex: lower case, without {@code 0x}, zero-padded on the left to {@code width} digits;
   * {@code null} when {@code raw} is not a hex number of at most 16 significant digits.
   */
  public static String hex(String raw, int width) {
    if (raw == null || raw.length() > 40) {
      return null;
    }
    var m = HEX.matcher(raw.trim());
    if (!m.matches()) {
      return null;
    }
    String digits = m.group(1).toLowerCase(Locale.ROOT);
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }

  /** An OS/2 object (segment) number: four hex digits, or {@code null}. */
  public static String object(String raw) {
    return hex(raw, 4);
  }

  /** An offset or address: at least eight hex digits, or {@code null}. */
  public static String offset(String raw) {
    return hex(raw, 8);
  }

  /**
   * An exception code written with eight hex digits ({@code C0000005}, {@code 0xc0000005}), in
   * lower case; {@code null} for anything else, such as a signal number ({@code 0xb}).
   */
  public static String exceptionCode(String raw) {
    if (raw == null) {
      return null;
    }
    String digits = raw.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    return digits.length() == 8 ? hex(digits, 8) : null;
  }

  /** An OS/2 trap number: exactly four lower-case hex digits, or {@code null}. */
  public static String trapNumber(String raw) {
    String h = hex(raw, 4);
    return h != null && h.length() == 4 ? h : null;
  }

  /**
   * The file name at the end of a path, without any directory: {@code E:\CLASSES\BEDBUG.EXE} gives
   * {@code BEDBUG.EXE}. Directories can name users, so no trap field ever carries one. {@code null}
   * when nothing usable is left.
   */
  public static String fileName(String path) {
    if (path == null) {
      return null;
    }
    String p = path.trim();
    if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
      p = p.substring(1, p.length() - 1).trim();
    }
    int cut = Math.max(p.lastIndexOf('\\'), Math.max(p.lastIndexOf('/'), p.lastIndexOf(':')));
    String name = p.substring(cut + 1).trim();
    if (name.isEmpty() || name.length() > MAX_NAME || !isPrintable(name)) {
      return null;
    }
    return name(name);
  }

  /**
   * A name the contract accepts: letters, digits, spaces and {@code . _ + ( ) / : , # ' & -}, at
   * most 128 characters, starting with a letter, digit or underscore. Any other character becomes
   * {@code _} (so {@code TCPIP$} is always {@code TCPIP_}, and traps still group), characters that
   * cannot start a name are dropped from its start; {@code null} when nothing is left.
   */
  public static String name(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    String t = raw.strip();
    for (int i = 0; i < t.length() && out.length() < MAX_NAME; i++) {
      char c = t.charAt(i);
      boolean letterOrDigit = Character.isLetterOrDigit(c) || c == '_';
      if (out.length() == 0 && !letterOrDigit) {
        if (" ._+()/:,#'&-".indexOf(c) >= 0) {
          continue;
        }
        out.append('_');
        continue;
      }
      out.append(letterOrDigit || " ._+()/:,#'&-".indexOf(c) >= 0 ? c : '_');
    }
    String s = out.toString().strip();
    return s.isEmpty() ? null : s;
  }

  /**
   * A version or service level the contract accepts ({@code 4.30}, {@code 14.097_UNI}, {@code
   * 17.0.15+6}, {@code UN02200}), or {@code null}: a version is not made up by changing characters,
   * so anything else is left out.
   */
  public static String version(String raw) {
    if (raw == null) {
      return null;
    }
    String v = raw.strip();
    return VERSION.matcher(v).matches() ? v : null;
  }

  /**
   * A frame symbol, cut to the contract's length, with any path in it reduced to its file name
   * (debug information can name source files by full path).
   */
  public static String symbol(String raw) {
    String s = text(raw, 4 * MAX_SYMBOL);
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String token : s.split("\\s+")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      boolean pathLike =
          token.indexOf('\\') >= 0 || token.startsWith("/") || token.startsWith("~/");
      out.append(pathLike ? lastComponent(token) : token);
    }
    String result = out.toString();
    return result.length() > MAX_SYMBOL ? result.substring(0, MAX_SYMBOL) : result;
  }

  /** Whether the contract accepts {@code name} as a register name. */
  public static boolean isRegisterName(String name) {
    return name != null && REGISTER_NAME.matcher(name).matches();
  }

  /**
   * A register value as the artefact shows it ({@code 0002}, {@code 005b:1bf94e24}, {@code
   * 0x00007f3a1c2b5e2d}), in lower case; {@code null} for fields the artefact marks unused ({@code
   * ****}, {@code XXXXXXXX}) and for anything that is not a register value.
   */
  public static String registerValue(String raw) {
    if (raw == null) {
      return null;
    }
    String v = raw.trim();
    if (v.isEmpty() || v.length() > MAX_REGISTER_VALUE || PLACEHOLDER.matcher(v).matches()) {
      return null;
    }
    if (!REGISTER_VALUE.matcher(v).matches()) {
      return null;
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /** Whether an artefact marks this field unused ({@code ****}, {@code XXXXXXXX}). */
  public static boolean isPlaceholder(String raw) {
    return raw != null && PLACEHOLDER.matcher(raw.trim()).matches();
  }

  /**
   * A local time read as UTC; {@code null} outside 1970 to 9999, which no artefact here can hold
   * and the contract's timestamp pattern could not carry. OS/2 and most JVM crash files write local
   * time without a zone, so UTC is the only reading that needs no guess.
   */
  public static Instant utc(LocalDateTime time) {
    if (time == null || time.getYear() < 1970 || time.getYear() > 9999) {
      return null;
    }
    return time.toInstant(ZoneOffset.UTC);
  }

  /** A date and time, or {@code null} when the fields do not make a real one. */
  public static LocalDateTime dateTime(
      int year, int month, int day, int hour, int minute, int second) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second);
  }

  /** A process or thread id the contract can carry, or {@code null}. */
  public static Long count(long value) {
    return value >= 0 && value <= MAX_COUNT ? value : null;
  }

  /**
   * Hex digits as a count (a process id written in hex), or {@code null} when not hex or too large.
   */
  public static Long hexCount(String raw) {
    String h = hex(raw, 1);
    if (h == null || h.length() > 13) {
      return null;
    }
    return count(Long.parseLong(h, 16));
  }

  /** Decimal digits as a count, or {@code null} when not digits or too large. */
  public static Long decimalCount(String raw) {
    if (raw == null) {
      return null;
    }
    String d = raw.trim();
    if (d.isEmpty() || d.length() > 16) {
      return null;
    }
    for (int i = 0; i < d.length(); i++) {
      if (d.charAt(i) < '0' || d.charAt(i) > '9') {
        return null;
      }
    }
    return count(Long.parseLong(d));
  }

  /** Trimmed printable text of at most {@code max} characters, or {@code null} when empty. */
  public static String text(String raw, int max) {
    if (raw == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    String t = raw.strip();
    for (int i = 0; i < t.length() && out.length() < max; i++) {
      char c = t.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    String s = out.toString().strip();
    return s.isEmpty() ? null : s;
  }

  private static String lastComponent(String path) {
    String p = path;
    while (p.endsWith("\\") || p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
    return p.substring(cut + 1);
  }

  private static boolean isPrintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
