package org.shimwatch.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.jvm.HsErrLogParser;
import org.shimwatch.diagnostics.os2.BldlevelOutputParser;
import org.shimwatch.diagnostics.os2.ConfigSysParser;
import org.shimwatch.diagnostics.os2.ExceptqParser;
import org.shimwatch.diagnostics.os2.FileListingParser;
import org.shimwatch.diagnostics.os2.InetverOutputParser;
import org.shimwatch.diagnostics.os2.PopupLogParser;
import org.shimwatch.diagnostics.os2.PythonBannerParser;
import org.shimwatch.diagnostics.os2.SyslevelOutputParser;
import org.shimwatch.diagnostics.os2.TrapScreenParser;
import org.shimwatch.diagnostics.os2.VerOutputParser;

/**
 * Splits text holding several artefacts one after another (a user pastes {@code syslevel} output,
 * then a POPUPLOG.OS2 entry, then CONFIG.SYS lines) into one part per artefact.
 *
 * <p>Each line is tested for a marker: a line only one kind of artefact has. Strong markers (an
 * entry header, a {@code TRAP} line, a report header) start a new part whatever comes before them;
 * weak markers (a CONFIG.SYS statement, a path, a {@code NAME.SYS 6.3004} line) start one too,
 * except inside an EXCEPTQ report or JVM crash file, whose bodies hold free text. Markers of the
 * kind already open extend it (more POPUPLOG entries, more SYSLEVEL entries), except where one part
 * holds one artefact (an EXCEPTQ report, a crash file, a trap screen). Text before the first marker
 * joins the first part, whose parser notes what it skips (often a line like "here is my
 * syslevel:"); text without any marker is one part of kind {@code UNKNOWN}.
 */
final class ArtefactSplitter {

  private static final Pattern HASH = Pattern.compile("\\s*#.*");

  /** A part: lines {@code from} (inclusive) to {@code to} (exclusive) of the block. */
  record Segment(ArtefactKind kind, int from, int to) {}

  private record Marker(ArtefactKind kind, boolean strong) {}

  private ArtefactSplitter() {}

  /** The parts of the block, in order, covering every non-blank line. */
  static List<Segment> split(TextBlock block) {
    List<Segment> out = new ArrayList<>();
    ArtefactKind kind = null;
    int start = 0;
    State state = new State();
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      Marker marker = marker(line);
      if (marker == null) {
        if (kind == ArtefactKind.EXCEPTQ_REPORT && ExceptqParser.isEnd(line)) {
          state.ended = true;
        }
        continue;
      }
      if (marker.kind() == kind) {
        if (!startsAnother(kind, line, state)) {
          state.see(kind, line);
          continue;
        }
      } else if (!marker.strong() && sticky(kind, state)) {
        continue;
      }
      int from = pullBack(block, start, i, marker.kind(), kind);
      add(out, block, kind, start, from);
      kind = marker.kind();
      start = from;
      state = new State();
      state.see(kind, line);
    }
    add(out, block, kind, start, block.size());
    return out;
  }

  private static Marker marker(String line) {
    if (line.isBlank()) {
      return null;
    }
    if (PopupLogParser.isHeader(line)) {
      return new Marker(ArtefactKind.POPUPLOG, true);
    }
    if (ExceptqParser.isStart(line)) {
      return new Marker(ArtefactKind.EXCEPTQ_REPORT, true);
    }
    if (HsErrLogParser.isStart(line)) {
      return new Marker(ArtefactKind.HS_ERR_LOG, true);
    }
    if (TrapScreenParser.isStart(line)) {
      return new Marker(ArtefactKind.TRAP_SCREEN, true);
    }
    if (SyslevelOutputParser.isEntryLine(line) || SyslevelOutputParser.isCommand(line)) {
      return new Marker(ArtefactKind.SYSLEVEL_OUTPUT, true);
    }
    if (VerOutputParser.isVersionLine(line) || VerOutputParser.isCommand(line)) {
      return new Marker(ArtefactKind.VER_OUTPUT, true);
    }
    if (BldlevelOutputParser.isBldlevelLine(line)) {
      return new Marker(ArtefactKind.BLDLEVEL_OUTPUT, true);
    }
    if (PythonBannerParser.isStart(line)) {
      return new Marker(ArtefactKind.PYTHON_BANNER, true);
    }
    if (ConfigSysParser.isCommand(line)) {
      return new Marker(ArtefactKind.CONFIG_SYS, true);
    }
    if (InetverOutputParser.isCommand(line)) {
      return new Marker(ArtefactKind.INETVER_OUTPUT, true);
    }
    if (ConfigSysParser.isConfigLine(line)) {
      return new Marker(ArtefactKind.CONFIG_SYS, false);
    }
    if (FileListingParser.isListingLine(line)) {
      return new Marker(ArtefactKind.FILE_LISTING, false);
    }
    if (InetverOutputParser.isInetverLine(line)) {
      return new Marker(ArtefactKind.INETVER_OUTPUT, false);
    }
    return null;
  }

  /** Whether a marker of the open kind begins a second artefact of that kind. */
  private static boolean startsAnother(ArtefactKind kind, String line, State state) {
    switch (kind) {
      case EXCEPTQ_REPORT:
        return ExceptqParser.isStart(line);
      case HS_ERR_LOG:
        return state.hsCrashLine || (state.hsHeader && !HsErrLogParser.isCrashLine(line));
      case TRAP_SCREEN:
        // 32-bit screens open with "Exception in module:", OS/2 1.x ones print it after the
        // registers, and screens without registers open with the "internal processing error" line;
        // a screen ends once its processing-error line has been seen.
        if (TrapScreenParser.isExceptionLine(line)) {
          return state.exceptionLine || state.processingError;
        }
        if (TrapScreenParser.isProcessingErrorLine(line)) {
          return state.processingError;
        }
        return state.trapLine || state.processingError;
      case VER_OUTPUT:
        return state.version && VerOutputParser.isVersionLine(line);
      default:
        return false;
    }
  }

  /** Whether weak markers are read as part of the open artefact rather than a new one. */
  private static boolean sticky(ArtefactKind kind, State state) {
    return kind == ArtefactKind.HS_ERR_LOG || (kind == ArtefactKind.EXCEPTQ_REPORT && !state.ended);
  }

  /**
   * Where a part of {@code kind} starting with a marker at line {@code at} really starts: lines
   * just above the marker that belong to it move with it (an EXCEPTQ report's first rule, a crash
   * file's leading {@code #} lines, the title of a SYSLEVEL entry pasted without its path).
   */
  private static int pullBack(
      TextBlock block, int openStart, int at, ArtefactKind kind, ArtefactKind openKind) {
    if (openKind == null) {
      return openStart;
    }
    int floor = openStart + 1;
    int from = at;
    switch (kind) {
      case EXCEPTQ_REPORT:
        while (from - 1 >= floor
            && at - from < 3
            && (block.line(from - 1).isBlank() || ExceptqParser.isRule(block.line(from - 1)))) {
          from--;
        }
        return from;
      case HS_ERR_LOG:
        while (from - 1 >= floor && at - from < 4 && HASH.matcher(block.line(from - 1)).matches()) {
          from--;
        }
        return from;
      case SYSLEVEL_OUTPUT:
        if (SyslevelOutputParser.isPathLine(block.line(at))) {
          return at;
        }
        while (from - 1 >= floor
            && at - from < 4
            && !block.line(from - 1).isBlank()
            && marker(block.line(from - 1)) == null) {
          from--;
        }
        // Only lines set off by a blank line are a title; otherwise they end the part above.
        return from > floor && block.line(from - 1).isBlank() ? from : at;
      default:
        return at;
    }
  }

  private static void add(List<Segment> out, TextBlock block, ArtefactKind kind, int from, int to) {
    if (to <= from || block.slice(from, to).isBlank()) {
      return;
    }
    out.add(new Segment(kind == null ? ArtefactKind.UNKNOWN : kind, from, to));
  }

  /** What has been seen in the open part, for kinds that hold one artefact per part. */
  private static final class State {
    boolean trapLine;
    boolean exceptionLine;
    boolean processingError;
    boolean hsHeader;
    boolean hsCrashLine;
    boolean version;
    boolean ended;

    void see(ArtefactKind kind, String line) {
      switch (kind) {
        case TRAP_SCREEN:
          if (TrapScreenParser.isExceptionLine(line)) {
            exceptionLine = true;
          } else if (TrapScreenParser.isProcessingErrorLine(line)) {
            processingError = true;
          } else {
            trapLine = true;
          }
          break;
        case HS_ERR_LOG:
          if (HsErrLogParser.isCrashLine(line)) {
            hsCrashLine = true;
          } else {
            hsHeader = true;
          }
          break;
        case VER_OUTPUT:
          version |= VerOutputParser.isVersionLine(line);
          break;
        default:
          break;
      }
    }
  }
}
