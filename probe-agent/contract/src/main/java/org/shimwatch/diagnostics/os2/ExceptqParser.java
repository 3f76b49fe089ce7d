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
 * Reads one EXCEPTQ 7.x report. A report is a run of sections, each titled by a line between two
 * lines of underscores: "Exception Report - created YYYY/MM/DD HH:MM:SS" (with {@code OS2/eCS
 * Version}), "Exception C0000005 - Access Violation" (process, PID, TID, module, {@code Address:
 * 005B:160CD8D4 (0001:00E8D8D4)}, cause), "Registers", "Call Stack" (a table whose first row starts
 * {@code Trap ->}), "DLLs accessible from this process" and more, ending with "End of Exception
 * Report". A {@code .TRP} file named {@code PPPP_TT.TRP} (PID and TID in hex) may hold several
 * appended reports; {@link org.shimwatch.diagnostics.ArtefactInspector} splits them.
 */
public final class ExceptqParser {

  /** Most loaded modules kept; a process has a few dozen. */
  static final int MAX_MODULES = 256;

  // A rule is a line of underscores; a report pasted into a page that renders Markdown comes back
  // with each rule turned into "---".
  private static final Pattern UNDERSCORES = Pattern.compile("\\s*(?:_{20,}|-{3,})\\s*");

  /** The file stamp EXCEPTQ prints after a path: "(02/15/2019 09:26:22 1,158,654)" or bare. */
  private static final Pattern FILE_STAMP =
      Pattern.compile("(.+?\\.[A-Za-z0-9]{1,4})(?:\\s+\\(|\\s+\\d{2}/\\d{2}/\\d{4}\\b).*");

  /** Header fields after which the free text EXCEPTQ was given is no longer expected. */
  private static final Pattern HEADER_FIELD =
      Pattern.compile(
          "\\s*(?:Hostname|OS2/eCS Version|# of Processors|Physical Memory|Virt Addr Limit"
              + "|Exceptq Version)\\s*:.*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern REPORT_HEADER =
      Pattern.compile("\\s*Exception\\s+Report\\s*-\\s*created\\b.*", Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATED =
      Pattern.compile(
          "created\\s+(\\d{4})/(\\d{1,2})/(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern EXCEPTION_TITLE =
      Pattern.compile("\\s*Exception\\s+([0-9A-Fa-f]{8})\\s*-\\s*(.{0,80})");
  private static final Pattern FIELD = Pattern.compile("\\s*([A-Za-z0-9#/ ]{2,24}?)\\s*:\\s*(.*)");
  private static final Pattern ID =
      Pattern.compile("([0-9A-Fa-f]{1,8})(?:\\s*\\((\\d{1,12})\\))?.*");
  private static final Pattern ADDRESS =
      Pattern.compile(
          "(?:([0-9A-Fa-f]{4}):)?([0-9A-Fa-f]{4,8})\\s*\\(([0-9A-Fa-f]{4}):([0-9A-Fa-f]{8})\\).*");
  private static final Pattern REGISTER_LINE =
      Pattern.compile("\\s*[A-Z][A-Z0-9]{1,5}\\s*:\\s*[0-9A-Fa-f]{4,8}(?=\\s|$)");
  private static final Pattern REGISTER =
      Pattern.compile("([A-Z][A-Z0-9]{1,5})\\s*:\\s*([0-9A-Fa-f]{4,8})(?=\\s|$)");
  private static final Pattern FRAME =
      Pattern.compile(
          "\\s*(?:Trap\\s*->|[0-9A-Fa-f]{8})\\s+(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4})"
              + "\\s+([^\\s*]{1,128})\\s+([0-9A-Fa-f]{4}):([0-9A-Fa-f]{8})(?:\\s+(.*))?");
  private static final Pattern UNRESOLVED_FRAME =
      Pattern.compile(
          "\\s*(?:Trap\\s*->|[0-9A-Fa-f]{8})\\s+(?:[0-9A-Fa-f]{4}:)?[0-9A-Fa-f]{4,8}\\s+"
              + "(?:\\*Unknown\\*|Invalid address).*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MODULE_ROW = Pattern.compile("\\s*(\\S{1,32})\\s+(\\S.{0,300})");

  private ExceptqParser() {}

  /** Whether a line starts an EXCEPTQ report ("Exception Report - created ..."). */
  public static boolean isStart(String line) {
    return REPORT_HEADER.matcher(line).matches();
  }

  /** Whether a line ends an EXCEPTQ report ("End of Exception Report ..."). */
  public static boolean isEnd(String line) {
    return line.strip().regionMatches(true, 0, "End of Exception Report", 0, 23);
  }

  /** Whether a line is one of the underscore rules between sections. */
  public static boolean isRule(String line) {
    return UNDERSCORES.matcher(line).matches();
  }

  /** Reads an EXCEPTQ report from text. */
  public static ExceptqReport parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads an EXCEPTQ report.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} with neither a report header nor an
   *     exception section
   */
  public static ExceptqReport parse(TextBlock block) throws ArtefactParseException {
    State st = new State();
    String section = "";
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      if (line.isBlank()) {
        continue;
      }
      if (UNDERSCORES.matcher(line).matches()) {
        int j = nextNonBlank(block, i + 1);
        int k = j < 0 ? -1 : nextNonBlank(block, j + 1);
        if (j >= 0 && k >= 0 && !isRule(block.line(j)) && isRule(block.line(k))) {
          section = block.line(j).strip();
          title(section, block.number(j), st);
          i = k;
        }
        // Text under a section's title starts after the rule that closes the title.
        st.underTitle = false;
        continue;
      }
      if (REPORT_HEADER.matcher(line).matches() || EXCEPTION_TITLE.matcher(line).matches()) {
        section = line.strip();
        title(section, block.number(i), st);
        st.underTitle = true;
        continue;
      }
      body(section, line, block.number(i), st);
    }
    if (!st.sawHeader && st.exceptionCode == null) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not an EXCEPTQ report: no 'Exception Report - created' header"
              + " and no 'Exception XXXXXXXX -' section");
    }
    if (st.exceptionCode == null) {
      st.notes.whole("the report has no exception section: it was cut short");
    }
    if (st.frameRows > TrapFields.MAX_FRAMES) {
      st.notes.whole(
          (st.frameRows - TrapFields.MAX_FRAMES)
              + " call-stack frames beyond the first "
              + TrapFields.MAX_FRAMES
              + " were left out");
    }
    String module = TrapFields.fileName(st.fileName);
    if (module == null) {
      module = TrapFields.fileName(st.moduleName);
    }
    Trap.Process process =
        st.processName == null && st.pid == null && st.tid == null
            ? null
            : new Trap.Process(st.processName, st.pid, st.tid);
    Trap trap =
        new Trap(
            Trap.TrapSource.OS2_EXCEPTQ,
            TrapFields.utc(st.created),
            null,
            null,
            null,
            st.exceptionCode,
            null,
            module,
            st.object,
            st.offset,
            st.faultAddress,
            process,
            null,
            st.frames.isEmpty() ? null : st.frames,
            st.registers.isEmpty() ? null : st.registers,
            null);
    return new ExceptqReport(
        trap,
        st.exceptionName,
        st.osVersion,
        st.exceptqVersion,
        st.cause,
        st.modules,
        st.unresolved,
        st.notes.list(),
        st.slot,
        st.reportInfo);
  }

  private static void title(String title, int number, State st) {
    Matcher m;
    if (REPORT_HEADER.matcher(title).matches()) {
      if (st.sawHeader) {
        st.notes.at(number, "a second report header: only the first report is read");
      }
      st.sawHeader = true;
      if ((m = CREATED.matcher(title)).find() && st.created == null) {
        st.created =
            TrapFields.dateTime(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)));
      }
      if (st.created == null) {
        st.notes.at(number, "the report's creation time is not a real date; left out");
      }
    } else if ((m = EXCEPTION_TITLE.matcher(title)).matches() && st.exceptionCode == null) {
      st.exceptionCode = TrapFields.exceptionCode(m.group(1));
      st.exceptionName = TrapFields.text(m.group(2), 80);
    }
  }

  private static void body(String section, String line, int number, State st) {
    String s = section.toLowerCase(Locale.ROOT);
    Matcher m;
    if (s.startsWith("exception report")) {
      if (!HEADER_FIELD.matcher(line).matches()) {
        if (!st.headerFieldSeen && !st.underTitle && st.pendingInfo == null) {
          // The text a program handed EXCEPTQ ("LIBC: Killed by SIGABRT", a version string): it
          // stands between the header's rule and the header's fields, so it only counts once a
          // field follows it.
          st.pendingInfo = TrapFields.text(line, 200);
        }
        return;
      }
      if (!st.headerFieldSeen) {
        st.reportInfo = st.pendingInfo;
      }
      st.headerFieldSeen = true;
      if ((m = FIELD.matcher(line)).matches()) {
        String key = m.group(1).strip().toLowerCase(Locale.ROOT);
        String value = m.group(2).strip();
        if (key.equals("os2/ecs version")) {
          st.osVersion = TrapFields.text(firstToken(value), 16);
        } else if (key.equals("exceptq version")) {
          // "7.11.5-shl BETA8 (Jun  1 2020 18:37:02)": the version is what comes before the date.
          int paren = value.indexOf(" (");
          st.exceptqVersion = TrapFields.text(paren < 0 ? value : value.substring(0, paren), 32);
        }
      }
    } else if (s.startsWith("exception ") && EXCEPTION_TITLE.matcher(section).matches()) {
      exceptionField(line, number, st);
    } else if (s.equals("registers")) {
      if (REGISTER_LINE.matcher(line).lookingAt()) {
        Matcher r = REGISTER.matcher(line);
        while (r.find()) {
          String value = TrapFields.registerValue(r.group(2));
          if (value != null
              && (st.registers.size() < TrapFields.MAX_REGISTERS
                  || st.registers.containsKey(r.group(1)))) {
            st.registers.put(r.group(1), value);
          }
        }
      }
    } else if (s.equals("call stack")) {
      if ((m = FRAME.matcher(line)).matches()) {
        st.frameRows++;
        String module = TrapFields.fileName(m.group(1));
        if (module != null && st.frames.size() < TrapFields.MAX_FRAMES) {
          st.frames.add(
              new Trap.Frame(
                  module,
                  TrapFields.object(m.group(2)),
                  TrapFields.offset(m.group(3)),
                  TrapFields.symbol(m.group(4))));
        }
      } else if (UNRESOLVED_FRAME.matcher(line).matches()) {
        st.unresolved++;
      }
    } else if (s.startsWith("dlls accessible")) {
      if ((m = MODULE_ROW.matcher(line)).matches() && st.modules.size() < MAX_MODULES) {
        String fileName = TrapFields.fileName(m.group(2));
        String name = TrapFields.fileName(m.group(1));
        if (fileName != null && name != null) {
          String directory = null;
          if (fileName.toUpperCase(Locale.ROOT).endsWith(".PYD")) {
            directory = Os2Paths.reduce(Os2Paths.parentOf(m.group(2)), null);
          }
          st.modules.add(new LoadedModule(name, fileName, directory));
        }
      }
    } else if (section.isEmpty()) {
      st.notes.at(number, "line before the report's first section, skipped");
    }
  }

  private static void exceptionField(String line, int number, State st) {
    Matcher m = FIELD.matcher(line);
    if (!m.matches()) {
      if ("cause".equals(st.lastKey)
          && st.cause != null
          && number == st.lastKeyLine + 1
          && Character.isWhitespace(line.charAt(0))) {
        // "Cause:    Attempted to read from 6E6F77E7" goes on, indented, on the very next line:
        // "(not a valid address)".
        st.cause = TrapFields.text(st.cause + " " + line.strip(), 200);
      }
      st.lastKey = null;
      return;
    }
    String key = m.group(1).strip().toLowerCase(Locale.ROOT);
    st.lastKey = key;
    st.lastKeyLine = number;
    String value = m.group(2).strip();
    boolean missing = value.equalsIgnoreCase("N/A");
    Matcher v;
    switch (key) {
      case "process":
        st.processName = missing ? null : TrapFields.fileName(withoutFileStamp(value));
        break;
      case "slot":
        st.slot = id(value);
        break;
      case "pid":
        st.pid = id(value);
        break;
      case "tid":
        st.tid = id(value);
        break;
      case "module":
        st.moduleName = missing ? null : value;
        break;
      case "filename":
        st.fileName = missing ? null : withoutFileStamp(value);
        break;
      case "address":
        if ((v = ADDRESS.matcher(value)).matches()) {
          st.object = TrapFields.object(v.group(3));
          st.offset = TrapFields.offset(v.group(4));
          if (v.group(2).length() == 8) {
            st.faultAddress = TrapFields.offset(v.group(2));
          }
        } else {
          st.notes.at(number, "the address is not in the form SSSS:OOOOOOOO (OBJ:OFFSET)");
        }
        break;
      case "cause":
        st.cause = TrapFields.text(value, 200);
        break;
      default:
        break;
    }
  }

  private static Long id(String value) {
    Matcher m = ID.matcher(value);
    if (!m.matches()) {
      return null;
    }
    return m.group(2) != null
        ? TrapFields.decimalCount(m.group(2))
        : TrapFields.hexCount(m.group(1));
  }

  /** A path without the date, time and size EXCEPTQ prints after it. */
  static String withoutFileStamp(String value) {
    Matcher m = FILE_STAMP.matcher(value);
    return m.matches() ? m.group(1) : value;
  }

  private static String firstToken(String value) {
    int space = value.indexOf(' ');
    return space < 0 ? value : value.substring(0, space);
  }

  private static int nextNonBlank(TextBlock block, int from) {
    for (int i = from; i < block.size(); i++) {
      if (!block.line(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static final class State {
    final Notes notes = new Notes();
    boolean sawHeader;
    LocalDateTime created;
    String osVersion;
    String exceptqVersion;
    String exceptionCode;
    String exceptionName;
    String processName;
    Long pid;
    Long tid;
    String moduleName;
    String fileName;
    String object;
    String offset;
    String faultAddress;
    String cause;
    String lastKey;
    int lastKeyLine;
    boolean underTitle;
    String pendingInfo;
    Long slot;
    String reportInfo;
    boolean headerFieldSeen;
    final Map<String, String> registers = new TreeMap<>();
    final List<Trap.Frame> frames = new ArrayList<>();
    int frameRows;
    int unresolved;
    final List<LoadedModule> modules = new ArrayList<>();
  }
}
