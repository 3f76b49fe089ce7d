package org.shimwatch.diagnostics.os2;

import java.time.LocalDateTime;
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
 * Reads POPUPLOG.OS2. Each entry starts with a header {@code MM-DD-YYYY HH:MM:SS SYSnnnn PID xxxx
 * TID xxxx Slot xxxx} (hex ids), then the process path, the exception code, the failing address,
 * {@code P1=.. P4=..}, register lines of {@code NAME=hex} pairs (unused fields {@code ****} or
 * {@code XXXXXXXX}), a blank line and {@code MODULE.EXT oooo:xxxxxxxx}, which may be missing.
 * Entries are split on the header line; separator lines of dashes between entries are skipped.
 */
public final class PopupLogParser {

  /**
   * Most entries read: the most recent ones, at the end of the log. A POPUPLOG.OS2 kept for years
   * holds thousands; the report carries 64 traps, and a person reads far fewer.
   */
  public static final int MAX_ENTRIES = 256;

  // The TID is absent from the oldest entries ("SYS3188 PID 0007"), and a wrapped header can end
  // on "TID" or "Slot" without the value; group 11 is the rest of an entry whose line ends were
  // lost on the way (a web page printing it as one line).
  private static final Pattern HEADER =
      Pattern.compile(
          "\\s*(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+"
              + "([A-Za-z]{2,4}\\d{3,5})\\s+PID\\s+([0-9A-Fa-f]{1,8})"
              + "(?:\\s+TID(?:\\s+([0-9A-Fa-f]{1,8}))?)?"
              + "(?:\\s+Slot(?:\\s+([0-9A-Fa-f]{1,8}))?)?(?:\\s+(\\S.{0,1999}?))?\\s*",
          Pattern.CASE_INSENSITIVE);

  /** The TID and Slot of a header a mail client wrapped onto the next line. */
  private static final Pattern HEADER_TAIL =
      Pattern.compile(
          "\\s*TID\\s+([0-9A-Fa-f]{1,8})(?:\\s+Slot\\s+([0-9A-Fa-f]{1,8}))?\\s*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern HEX8_TOKEN = Pattern.compile("[0-9A-Fa-f]{8}");
  private static final Pattern PROCESS_PATH =
      Pattern.compile("(?:\\S*[\\\\/]\\S*|.*\\.[A-Za-z][A-Za-z0-9]{0,3})");
  private static final Pattern PAIR_TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9:]{0,15}=\\S+");
  private static final Pattern OBJECT_OFFSET_TOKEN =
      Pattern.compile("[0-9A-Fa-f]{4}:[0-9A-Fa-f]{8}");
  private static final Pattern MODULE =
      Pattern.compile("\\s*([^\\s=:]{1,128})\\s+([0-9A-Fa-f]{4}):([0-9A-Fa-f]{8})\\s*");
  private static final Pattern HEX8 = Pattern.compile("\\s*([0-9A-Fa-f]{8})\\s*");
  private static final Pattern PARAMETERS =
      Pattern.compile("\\s*P1\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern PARAMETER =
      Pattern.compile("\\b(P[1-4])\\s*=\\s*(\\S{1,16})", Pattern.CASE_INSENSITIVE);
  private static final Pattern SEPARATOR = Pattern.compile("\\s*[-=_*]{5,}\\s*");

  private PopupLogParser() {}

  /** Whether a line is a POPUPLOG.OS2 entry header. */
  public static boolean isHeader(String line) {
    return HEADER.matcher(line).matches();
  }

  /** Reads POPUPLOG.OS2 entries from text. */
  public static PopupLog parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads POPUPLOG.OS2 entries.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} when no line is an entry header
   */
  public static PopupLog parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    List<Integer> headers = new ArrayList<>();
    int skipped = 0;
    int firstSkipped = 0;
    for (int i = 0; i < block.size(); i++) {
      if (HEADER.matcher(block.line(i)).matches()) {
        headers.add(i);
      } else if (headers.isEmpty() && !isFiller(block.line(i))) {
        if (skipped++ == 0) {
          firstSkipped = block.number(i);
        }
      }
    }
    if (headers.isEmpty()) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          firstSkipped > 0 ? firstSkipped : block.number(0),
          "not a POPUPLOG.OS2 entry: no line is an entry header "
              + "(MM-DD-YYYY HH:MM:SS SYSnnnn PID xxxx TID xxxx Slot xxxx)");
    }
    int first = Math.max(0, headers.size() - MAX_ENTRIES);
    if (first > 0) {
      notes.whole(first + " older entries were not read: only the last " + MAX_ENTRIES + " are");
    }
    List<PopupLogEntry> entries = new ArrayList<>();
    for (int k = first; k < headers.size(); k++) {
      int from = headers.get(k);
      int to = k + 1 < headers.size() ? headers.get(k + 1) : block.size();
      Matcher h = HEADER.matcher(block.line(from));
      if (h.matches()) {
        entries.add(entry(block, h, from, to, notes));
      }
    }
    if (skipped > 0) {
      notes.at(firstSkipped, skipped + " line(s) before the first entry were skipped");
    }
    return new PopupLog(entries, notes.list());
  }

  /**
   * The lines of an entry printed on one line: the process path, the exception code and address,
   * the {@code P1=} parameters, the register pairs and the {@code MODULE oooo:xxxxxxxx} pair, told
   * apart by their form. A path with blanks in it cannot be told apart and comes out in pieces,
   * which the entry's reading then notes.
   */
  static List<String> unflatten(String rest) {
    String[] tokens = rest.strip().split("\\s+");
    List<String> out = new ArrayList<>();
    StringBuilder pairs = new StringBuilder();
    StringBuilder parameters = new StringBuilder();
    int end = tokens.length;
    String moduleLine = null;
    if (end >= 2 && OBJECT_OFFSET_TOKEN.matcher(tokens[end - 1]).matches()) {
      moduleLine = tokens[end - 2] + " " + tokens[end - 1];
      end -= 2;
    }
    for (int t = 0; t < end; t++) {
      String token = tokens[t];
      if (PAIR_TOKEN.matcher(token).matches()) {
        StringBuilder into =
            token.toUpperCase(Locale.ROOT).matches("P[1-4]=.*") ? parameters : pairs;
        into.append(into.length() == 0 ? "" : "  ").append(token);
      } else {
        out.add(token);
      }
    }
    if (parameters.length() > 0) {
      out.add(parameters.toString());
    }
    if (pairs.length() > 0) {
      out.add(pairs.toString());
    }
    if (moduleLine != null) {
      out.add(moduleLine);
    }
    return out;
  }

  /** Whether a line of several words holds entry parts: an 8-digit hex code or a NAME=value. */
  private static boolean looksFlattened(String line) {
    for (String token : line.strip().split("\\s+")) {
      if (HEX8_TOKEN.matcher(token).matches() || PAIR_TOKEN.matcher(token).matches()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFiller(String line) {
    return line.isBlank() || SEPARATOR.matcher(line).matches();
  }

  /** The entry whose header {@code h} matched line {@code from}, running to line {@code to}. */
  private static PopupLogEntry entry(TextBlock block, Matcher h, int from, int to, Notes notes) {
    int headerLine = block.number(from);
    LocalDateTime loggedAt =
        TrapFields.dateTime(
            Integer.parseInt(h.group(3)),
            Integer.parseInt(h.group(1)),
            Integer.parseInt(h.group(2)),
            Integer.parseInt(h.group(4)),
            Integer.parseInt(h.group(5)),
            Integer.parseInt(h.group(6)));
    if (loggedAt == null) {
      notes.at(headerLine, "the entry's date and time are not a real date; left out");
    }
    String messageId = h.group(7).toUpperCase(Locale.ROOT);
    Long pid = TrapFields.hexCount(h.group(8));
    Long tid = h.group(9) == null ? null : TrapFields.hexCount(h.group(9));
    Long slot = h.group(10) == null ? null : TrapFields.hexCount(h.group(10));
    boolean bodyStarted = false;

    String processName = null;
    boolean processSeen = false;
    List<String> codes = new ArrayList<>();
    Map<String, String> parameters = new TreeMap<>();
    Map<String, String> registers = new TreeMap<>();
    String module = null;
    String object = null;
    String offset = null;
    List<String> lines = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    if (h.group(11) != null) {
      notes.at(headerLine, "the entry is on one line: its parts were told apart by their form");
      for (String part : unflatten(h.group(11))) {
        lines.add(part);
        numbers.add(headerLine);
      }
    }
    for (int i = from + 1; i < to; i++) {
      lines.add(block.line(i));
      numbers.add(block.number(i));
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (isFiller(line)) {
        continue;
      }
      int number = numbers.get(i);
      boolean firstBodyLine = !bodyStarted;
      bodyStarted = true;
      Matcher m;
      if ((m = MODULE.matcher(line)).matches()) {
        if (module != null) {
          notes.at(number, "a second module line in the entry was skipped");
          continue;
        }
        module = TrapFields.fileName(m.group(1));
        object = TrapFields.object(m.group(2));
        offset = TrapFields.offset(m.group(3));
      } else if (PARAMETERS.matcher(line).lookingAt()) {
        Matcher p = PARAMETER.matcher(line);
        while (p.find()) {
          String v = p.group(2);
          if (!TrapFields.isPlaceholder(v) && TrapFields.offset(v) != null) {
            parameters.put(p.group(1).toUpperCase(Locale.ROOT), TrapFields.offset(v));
          }
        }
      } else if (RegisterPairs.isRegisterLine(line)) {
        if (RegisterPairs.read(line, registers) > 0) {
          notes.at(number, "register values that are not hex numbers were left out");
        }
      } else if ((m = HEX8.matcher(line)).matches()) {
        codes.add(m.group(1));
      } else if (firstBodyLine && tid == null && (m = HEADER_TAIL.matcher(line)).matches()) {
        tid = TrapFields.hexCount(m.group(1));
        slot = m.group(2) == null ? slot : TrapFields.hexCount(m.group(2));
      } else if (line.strip().indexOf(' ') > 0 && looksFlattened(line)) {
        // Parts of the entry run together on one line (a wrapped or flattened copy).
        List<String> parts = unflatten(line);
        lines.addAll(i + 1, parts);
        for (int k = 0; k < parts.size(); k++) {
          numbers.add(i + 1, number);
        }
      } else if (!processSeen && codes.isEmpty() && PROCESS_PATH.matcher(line.strip()).matches()) {
        // The process is a path (blanks allowed) or a file name with its extension; a lone number
        // is the rest of a wrapped header, not a process.
        processSeen = true;
        processName = TrapFields.fileName(line);
      } else {
        notes.at(number, "line not understood, skipped");
      }
    }
    String exceptionCode = codes.size() > 0 ? TrapFields.exceptionCode(codes.get(0)) : null;
    String faultAddress = codes.size() > 1 ? TrapFields.offset(codes.get(1)) : null;
    if (exceptionCode == null) {
      notes.at(headerLine, "the entry has no exception code");
    }
    if (module == null) {
      notes.at(headerLine, "the entry has no module line: the faulting module is not known");
    }
    Trap.Process process =
        processName == null && pid == null && tid == null
            ? null
            : new Trap.Process(processName, pid, tid);
    List<Trap.Frame> frames =
        module == null ? null : List.of(new Trap.Frame(module, object, offset, null));
    Trap trap =
        new Trap(
            Trap.TrapSource.OS2_POPUPLOG,
            TrapFields.utc(loggedAt),
            null,
            null,
            null,
            exceptionCode,
            messageId,
            module,
            object,
            offset,
            faultAddress,
            process,
            null,
            frames,
            registers.isEmpty() ? null : registers,
            null);
    return new PopupLogEntry(
        headerLine,
        loggedAt,
        messageId,
        slot,
        parameters.isEmpty() ? null : parameters,
        module != null,
        trap);
  }
}
