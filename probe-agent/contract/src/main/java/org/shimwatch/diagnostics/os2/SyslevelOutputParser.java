package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;
import org.shimwatch.diagnostics.TrapFields;

/**
 * Reads the output of the OS/2 {@code syslevel} command. Each entry is a SYSLEVEL file's path, its
 * title (long titles wrap onto further lines), {@code Version ... Component ID ...}, often {@code
 * Type ...}, then {@code Current CSD level:} and {@code Prior CSD level:}. Any indentation, CRLF or
 * LF; an entry pasted without its path line is read too.
 */
public final class SyslevelOutputParser {

  /** Most entries read; a system has a few dozen SYSLEVEL files. */
  public static final int MAX_ENTRIES = 256;

  /**
   * Width of the text screen {@code syslevel} writes to: a title it indents past the edge wraps at
   * this column, in the middle of a word if need be ("(56/128/168-" / "bit Encryption)").
   */
  static final int SCREEN_WIDTH = 80;

  /** Longest title kept; real titles are under 80 characters, wrapped ones under 160. */
  static final int MAX_TITLE = 160;

  private static final Pattern SYSLEVEL_NAME =
      Pattern.compile("SYSLEVEL\\.[A-Z0-9_]{1,3}", Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION =
      Pattern.compile("\\s*Version\\s+([0-9][0-9A-Za-z.]{0,15})", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMPONENT =
      Pattern.compile("\\bComponent\\s+ID\\s+([0-9A-Za-z]{1,16})", Pattern.CASE_INSENSITIVE);
  private static final Pattern TYPE_ON_LINE =
      Pattern.compile("\\bType\\s+(\\S{1,32})", Pattern.CASE_INSENSITIVE);
  private static final Pattern TYPE =
      Pattern.compile("\\s*Type\\s+(\\S.{0,60}?)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern CURRENT =
      Pattern.compile(
          "\\s*Current\\s+CSD\\s+level\\s*:\\s*(\\S{1,16})\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern PRIOR =
      Pattern.compile(
          "\\s*Prior\\s+CSD\\s+level\\s*:\\s*(\\S{1,16})\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMAND =
      Pattern.compile(
          "\\s*(?:\\[[^\\]]{0,260}\\]\\s*)?syslevel(?:\\s.*)?", Pattern.CASE_INSENSITIVE);

  private SyslevelOutputParser() {}

  /**
   * Whether a line marks an entry of {@code syslevel} output: a path to a SYSLEVEL file, a {@code
   * Current CSD level:} line, or a {@code Version ... Component ID ...} line.
   */
  public static boolean isEntryLine(String line) {
    if (CURRENT.matcher(line).matches()) {
      return true;
    }
    if (VERSION.matcher(line).lookingAt() && COMPONENT.matcher(line).find()) {
      return true;
    }
    return syslevelFileName(line.strip()) != null;
  }

  /** Whether a line is a path to a SYSLEVEL file (the first line of an entry). */
  public static boolean isPathLine(String line) {
    return syslevelFileName(line.strip()) != null;
  }

  /** Whether a line echoes the {@code syslevel} command after a prompt. */
  public static boolean isCommand(String line) {
    return COMMAND.matcher(line).matches();
  }

  /** Reads {@code syslevel} output from text. */
  public static SyslevelListing parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads {@code syslevel} output.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} (at the first line) when no entry has a
   *     version or a CSD level
   */
  public static SyslevelListing parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    List<SyslevelEntry> entries = new ArrayList<>();
    Entry cur = null;
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      String s = line.strip();
      int number = block.number(i);
      if (s.isEmpty()) {
        if (cur != null && cur.current != null) {
          cur = close(cur, entries, notes);
        }
        continue;
      }
      String pathName = syslevelFileName(s);
      Matcher m;
      if (pathName != null) {
        close(cur, entries, notes);
        cur = new Entry(number, pathName);
      } else if ((m = CURRENT.matcher(line)).matches()) {
        if (cur == null || cur.current != null) {
          close(cur, entries, notes);
          cur = new Entry(number, null);
        }
        cur.current = m.group(1);
      } else if ((m = PRIOR.matcher(line)).matches()) {
        if (cur == null) {
          notes.at(number, "a prior CSD level without an entry before it was skipped");
          continue;
        }
        cur.prior = m.group(1);
        cur = close(cur, entries, notes);
      } else if ((m = VERSION.matcher(line)).lookingAt() && !titleGoesOn(block, i, cur)) {
        if (cur == null || cur.version != null || cur.current != null) {
          close(cur, entries, notes);
          cur = new Entry(number, null);
        }
        cur.version = m.group(1);
        Matcher c = COMPONENT.matcher(line);
        if (c.find()) {
          cur.componentId = c.group(1);
        }
        Matcher t = TYPE_ON_LINE.matcher(line);
        if (t.find()) {
          cur.type = t.group(1);
        }
      } else if (COMMAND.matcher(line).matches()) {
        continue;
      } else if (cur != null && cur.version != null && (m = TYPE.matcher(line)).matches()) {
        cur.type = m.group(1);
      } else if (cur != null && cur.version != null && (m = COMPONENT.matcher(line)).find()) {
        cur.componentId = m.group(1);
      } else if (cur == null || (cur.version == null && cur.current == null)) {
        if (cur == null) {
          cur = new Entry(number, null);
        }
        if (cur.title.size() < Entry.MAX_TITLE_LINES) {
          cur.title.add(s);
          cur.titleFillsLine.add(line.length() >= SCREEN_WIDTH - 1);
        }
      } else {
        notes.at(number, "line not understood, skipped");
      }
    }
    close(cur, entries, notes);
    if (entries.isEmpty()) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          firstNonBlank(block),
          "not syslevel output: no entry with a version or a CSD level");
    }
    return new SyslevelListing(entries, notes.list());
  }

  /** The SYSLEVEL file name if this line is a path to one, else {@code null}. */
  static String syslevelFileName(String stripped) {
    if (stripped.length() > 300) {
      return null;
    }
    int cut = Math.max(stripped.lastIndexOf('\\'), stripped.lastIndexOf('/'));
    String name = stripped.substring(cut + 1);
    if (!SYSLEVEL_NAME.matcher(name).matches()) {
      return null;
    }
    String dir = stripped.substring(0, cut + 1);
    int colon = dir.indexOf(':');
    boolean pathLike =
        dir.indexOf(' ') < 0
            && dir.indexOf('\t') < 0
            && (colon < 0 || colon == 1 && dir.lastIndexOf(':') == 1);
    // "see SYSLEVEL.TCP" in prose is not a path line; a path line is a path and nothing else.
    return dir.isEmpty() || pathLike ? name.toUpperCase(Locale.ROOT) : null;
  }

  /**
   * Whether a line that starts with "Version" is a wrapped title line ("IBM TCP/IP" then "Version
   * 4.3 for OS/2 Warp"): it names no component id, the entry has no version yet, and the next line
   * is the real version line.
   */
  private static boolean titleGoesOn(TextBlock block, int at, Entry cur) {
    if (cur == null || cur.version != null || cur.title.isEmpty()) {
      return false;
    }
    if (COMPONENT.matcher(block.line(at)).find()) {
      return false;
    }
    for (int j = at + 1; j < block.size(); j++) {
      String next = block.line(j);
      if (!next.isBlank()) {
        return VERSION.matcher(next).lookingAt() && COMPONENT.matcher(next).find();
      }
    }
    return false;
  }

  private static Entry close(Entry e, List<SyslevelEntry> out, Notes notes) {
    if (e == null) {
      return null;
    }
    StringBuilder joined = new StringBuilder();
    for (int k = 0; k < e.title.size(); k++) {
      if (k > 0) {
        // A title line that filled the screen was cut by the screen, not at a word, and one
        // ending in a hyphen was cut inside a word ("168-" / "bit"): no blank in either case.
        String before = e.title.get(k - 1);
        boolean hyphen = before.length() > 1 && before.endsWith("-") && !before.endsWith(" -");
        joined.append(e.titleFillsLine.get(k - 1) || hyphen ? "" : " ");
      }
      joined.append(e.title.get(k));
    }
    String title = TrapFields.text(joined.toString(), MAX_TITLE);
    if (e.version == null && e.current == null) {
      String what = e.fileName != null ? "the entry for " + e.fileName : "text";
      notes.at(e.line, what + " has no version or CSD level and was skipped");
      return null;
    }
    if (e.current == null) {
      notes.at(
          e.line,
          "the entry" + (e.fileName != null ? " for " + e.fileName : "") + " has no CSD level");
    }
    if (out.size() >= MAX_ENTRIES) {
      notes.at(e.line, "entries beyond the first " + MAX_ENTRIES + " were not read");
      return null;
    }
    out.add(
        SyslevelEntry.of(e.fileName, title, e.version, e.componentId, e.type, e.current, e.prior));
    return null;
  }

  private static int firstNonBlank(TextBlock block) {
    for (int i = 0; i < block.size(); i++) {
      if (!block.line(i).isBlank()) {
        return block.number(i);
      }
    }
    return block.number(0);
  }

  private static final class Entry {
    /** Titles wrap onto two or three lines; more is not a title. */
    static final int MAX_TITLE_LINES = 4;

    final int line;
    final String fileName;
    final List<String> title = new ArrayList<>();
    final List<Boolean> titleFillsLine = new ArrayList<>();
    String version;
    String componentId;
    String type;
    String current;
    String prior;

    Entry(int line, String fileName) {
      this.line = line;
      this.fileName = fileName;
    }
  }
}
