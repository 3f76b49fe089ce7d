package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;
import org.shimwatch.diagnostics.TrapFields;

/**
 * Reads CONFIG.SYS lines: the {@code SOCKETS.SYS} driver line and its options, {@code
 * SUPPRESSPOPUPS}, {@code LIBPATH} and {@code SET PYTHONPATH} / {@code SET PYTHONHOME}. The batch
 * file a user starts BitTorrent from sets {@code PYTHONPATH} the same way and is read by the same
 * parser, with {@code %PYTHONPATH%} expanded as the command shell would. {@code REM} lines are
 * comments: a {@code REM SET PYTHONPATH=...} is not in effect.
 */
public final class ConfigSysParser {

  /** Most drivers kept; a large CONFIG.SYS has a few dozen. */
  static final int MAX_DRIVERS = 200;

  /**
   * Longest {@code PYTHONPATH} kept, in characters. OS/2 command lines are far shorter; the cap
   * keeps a batch file that appends to {@code %PYTHONPATH%} line after line from growing without
   * bound.
   */
  static final int MAX_PYTHONPATH = 4096;

  /** Most {@code PYTHONPATH} entries kept. */
  static final int MAX_PYTHONPATH_ENTRIES = 64;

  /** Most options kept from the SOCKETS.SYS line. */
  static final int MAX_OPTIONS = 16;

  /** Statements CONFIG.SYS knows; a line using one marks the text as CONFIG.SYS. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "DEVICE",
          "BASEDEV",
          "LIBPATH",
          "SUPPRESSPOPUPS",
          "IFS",
          "RUN",
          "CALL",
          "PROTSHELL",
          "PROTECTONLY",
          "MEMMAN",
          "BUFFERS",
          "DISKCACHE",
          "THREADS",
          "PRIORITY",
          "PRIORITY_DISK_IO",
          "SWAPPATH",
          "PAUSEONERROR",
          "CODEPAGE",
          "DEVINFO",
          "COUNTRY",
          "FCBS",
          "RMSIZE",
          "IOPL",
          "MAXWAIT",
          "TIMESLICE",
          "PRINTMONBUFSIZE",
          "LASTDRIVE",
          "AUTOFAIL",
          "REIPL",
          "DUMPPROCESS",
          "TRAPDUMP",
          "VIRTUALADDRESSLIMIT",
          "EARLYMEMINIT",
          "DEVICEHIGH",
          "BREAK",
          "RESERVEDRIVELETTER",
          "SHELL",
          "NDWTIMER",
          "CLOCKSCALE");

  private static final Pattern SET =
      Pattern.compile(
          "\\s*SET\\s+([A-Za-z_][A-Za-z0-9_]{0,63})\\s*=(.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern STATEMENT =
      Pattern.compile("\\s*([A-Za-z][A-Za-z_]{1,24})\\s*=(.*)");
  private static final Pattern COMMENT =
      Pattern.compile(
          "\\s*(?:REM(?:\\s.*)?|::.*|:[A-Za-z].*|@?ECHO\\b.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMAND =
      Pattern.compile(
          "\\s*(?:\\[[^\\]]{0,260}\\]\\s*)?type\\s+\\S{0,250}config\\.sys\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PYTHONPATH_VAR =
      Pattern.compile("%PYTHONPATH%", Pattern.CASE_INSENSITIVE);

  private ConfigSysParser() {}

  /** Whether a line is a CONFIG.SYS statement ({@code DEVICE=}, {@code SET X=}, ...). */
  public static boolean isConfigLine(String line) {
    if (SET.matcher(line).matches()) {
      return true;
    }
    Matcher m = STATEMENT.matcher(line);
    return m.matches() && KEYWORDS.contains(m.group(1).toUpperCase(Locale.ROOT));
  }

  /** Whether a line echoes {@code type config.sys}. */
  public static boolean isCommand(String line) {
    return COMMAND.matcher(line).matches();
  }

  /** Reads CONFIG.SYS lines from text. */
  public static ConfigSys parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads CONFIG.SYS lines.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} when no line is a CONFIG.SYS statement
   */
  public static ConfigSys parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    List<String> drivers = new ArrayList<>();
    List<String> socketsOptions = null;
    String suppress = null;
    List<String> libpath = null;
    Boolean mptnDll = null;
    String pythonPath = null;
    String pythonHome = null;
    List<String> fileSystems = new ArrayList<>();
    String protshell = null;
    List<String> setVariables = new ArrayList<>();
    int statements = 0;
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      int number = block.number(i);
      // A quoted reply wrapped by a mail client: the rests of a statement (or of a REM comment)
      // are lines of their own; a person reads them as part of the line they were cut from.
      while (i + 1 < block.size() && block.isContinuation(i + 1)) {
        i++;
        if (line.length() < TextBlock.MAX_LINE_CHARS) {
          line = line + " " + block.line(i).strip();
        }
      }
      if (line.isBlank() || COMMENT.matcher(line).matches() || COMMAND.matcher(line).matches()) {
        continue;
      }
      Matcher m;
      if ((m = SET.matcher(line)).matches()) {
        statements++;
        String name = m.group(1).toUpperCase(Locale.ROOT);
        String value = m.group(2).strip();
        if (setVariables.size() < MAX_DRIVERS && !setVariables.contains(name)) {
          setVariables.add(name);
        }
        if (name.equals("PYTHONPATH")) {
          if (PYTHONPATH_VAR.matcher(value).find()) {
            if (pythonPath == null) {
              notes.at(number, "%PYTHONPATH% refers to a value set elsewhere; read as empty");
            }
            value =
                PYTHONPATH_VAR
                    .matcher(value)
                    .replaceAll(Matcher.quoteReplacement(pythonPath == null ? "" : pythonPath));
          }
          if (value.length() > MAX_PYTHONPATH) {
            notes.at(number, "PYTHONPATH is cut to its first " + MAX_PYTHONPATH + " characters");
            value = value.substring(0, MAX_PYTHONPATH);
          }
          pythonPath = value;
        } else if (name.equals("PYTHONHOME")) {
          pythonHome = value.isEmpty() ? null : value;
        }
        continue;
      }
      m = STATEMENT.matcher(line);
      String keyword = m.matches() ? m.group(1).toUpperCase(Locale.ROOT) : null;
      if (keyword == null || !KEYWORDS.contains(keyword)) {
        notes.at(number, "not a CONFIG.SYS statement, skipped");
        continue;
      }
      statements++;
      String value = m.group(2).strip();
      switch (keyword) {
        case "DEVICE":
        case "BASEDEV":
        case "DEVICEHIGH":
          {
            String[] tokens = value.split("\\s+");
            String driver = TrapFields.fileName(tokens[0]);
            if (driver == null) {
              notes.at(number, "a driver line without a driver, skipped");
              break;
            }
            if (drivers.size() < MAX_DRIVERS) {
              drivers.add(driver);
            }
            if (driver.equalsIgnoreCase("SOCKETS.SYS")) {
              socketsOptions = new ArrayList<>();
              for (int t = 1; t < tokens.length && socketsOptions.size() < MAX_OPTIONS; t++) {
                String option = TrapFields.text(tokens[t], 32);
                if (option != null) {
                  socketsOptions.add(option);
                }
              }
            }
            break;
          }
        case "IFS":
          {
            String ifs = TrapFields.fileName(value.split("\\s+")[0]);
            if (ifs != null && fileSystems.size() < MAX_DRIVERS) {
              fileSystems.add(ifs);
            }
            break;
          }
        case "PROTSHELL":
          protshell = TrapFields.fileName(value.split("\\s+")[0]);
          break;
        case "LIBPATH":
          {
            libpath = new ArrayList<>();
            mptnDll = false;
            for (String entry : value.split(";")) {
              if (entry.isBlank()) {
                continue;
              }
              if (Os2Paths.endsWith(entry, "MPTN", "DLL")) {
                mptnDll = true;
              }
              String reduced = Os2Paths.elide(entry);
              if (reduced != null) {
                libpath.add(reduced);
              }
            }
            break;
          }
        case "SUPPRESSPOPUPS":
          if (value.length() >= 1
              && Character.isLetter(value.charAt(0))
              && (value.length() == 1
                  || value.charAt(1) == ':'
                  || Character.isWhitespace(value.charAt(1)))) {
            suppress = value.substring(0, 1).toUpperCase(Locale.ROOT);
          } else {
            notes.at(number, "SUPPRESSPOPUPS does not name a drive letter");
          }
          break;
        default:
          break;
      }
    }
    if (statements == 0) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not CONFIG.SYS: no line is a CONFIG.SYS statement (DEVICE=, LIBPATH=, SET ...=)");
    }
    List<String> reducedPath = null;
    if (pythonPath != null) {
      reducedPath = new ArrayList<>();
      for (String entry : pythonPath.split(";")) {
        String reduced = Os2Paths.reduce(entry, pythonHome);
        if (reduced != null && reducedPath.size() < MAX_PYTHONPATH_ENTRIES) {
          reducedPath.add(reduced);
        }
      }
    }
    return new ConfigSys(
        drivers,
        socketsOptions,
        suppress,
        libpath,
        mptnDll,
        reducedPath,
        pythonHome != null,
        notes.list(),
        fileSystems,
        protshell,
        setVariables);
  }
}
