package org.shimwatch.diagnostics;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of text, each remembering its 1-based line number in the input it came from, so that a
 * parser working on one part of a longer paste still reports positions a user can find.
 *
 * <p>Line ends may be CRLF (OS/2 files), LF or CR, mixed. Immutable; slices share the lines.
 */
public final class TextBlock {

  /**
   * Largest input accepted, in bytes (or characters for a {@code String}): 1 MiB. OS/2 artefacts
   * are a few KiB, EXCEPTQ reports and JVM crash files some tens to a few hundred KiB; anything
   * larger is not one of them, and refusing it bounds what a hostile paste can cost the server.
   */
  public static final int MAX_BYTES = 1 << 20;

  /**
   * Lines are cut to this many characters. No line any parser reads is near this long, and the cut
   * bounds the work of every pattern match to a small constant per line.
   */
  public static final int MAX_LINE_CHARS = 2048;

  private final List<String> lines;
  private final int from;
  private final int to;

  /**
   * Per line of the whole input: whether it is the wrapped rest of the line before it, as a mail
   * client leaves it when it wraps a quoted reply (the rest loses the quote mark); {@code null}
   * when no line is.
   */
  private final boolean[] continued;

  private TextBlock(List<String> lines, int from, int to) {
    this(lines, from, to, null);
  }

  private TextBlock(List<String> lines, int from, int to, boolean[] continued) {
    this.lines = lines;
    this.from = from;
    this.to = to;
    this.continued = continued;
  }

  /**
   * The text in these bytes: UTF-8 when they are valid UTF-8, otherwise ISO-8859-1 (OS/2 writes its
   * files in an 8-bit code page, whose letters matter to no parser here).
   *
   * @throws ArtefactParseException {@code EMPTY}, {@code TOO_LARGE}, or {@code BINARY} with the
   *     offset of the first byte that cannot be in text (NUL and other control characters)
   */
  public static TextBlock decode(byte[] content) throws ArtefactParseException {
    if (content == null || content.length == 0) {
      throw ArtefactParseException.whole(ArtefactParseException.Reason.EMPTY, "the input is empty");
    }
    if (content.length > MAX_BYTES) {
      throw tooLarge(content.length);
    }
    for (int i = 0; i < content.length; i++) {
      if (isForbidden((char) (content[i] & 0xff))) {
        throw ArtefactParseException.atOffset(
            ArtefactParseException.Reason.BINARY,
            i,
            String.format(
                "binary data, not text: byte 0x%02x cannot appear in a text artefact",
                content[i] & 0xff));
      }
    }
    int start = 0;
    if (content.length >= 3
        && (content[0] & 0xff) == 0xef
        && (content[1] & 0xff) == 0xbb
        && (content[2] & 0xff) == 0xbf) {
      start = 3;
    }
    ByteBuffer bytes = ByteBuffer.wrap(content, start, content.length - start);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(bytes)
              .toString();
    } catch (CharacterCodingException e) {
      text = new String(content, start, content.length - start, StandardCharsets.ISO_8859_1);
    }
    return split(text);
  }

  /**
   * These lines of text.
   *
   * @throws ArtefactParseException {@code EMPTY}, {@code TOO_LARGE}, or {@code BINARY} with the
   *     line of the first control character that cannot be in text
   */
  public static TextBlock of(String text) throws ArtefactParseException {
    if (text == null || text.isEmpty()) {
      throw ArtefactParseException.whole(ArtefactParseException.Reason.EMPTY, "the input is empty");
    }
    if (text.length() > MAX_BYTES) {
      throw tooLarge(text.length());
    }
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
      } else if (isForbidden(c)) {
        throw ArtefactParseException.atLine(
            ArtefactParseException.Reason.BINARY,
            line,
            String.format(
                "binary data, not text: character U+%04X cannot appear in a text artefact",
                (int) c));
      }
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    return split(text);
  }

  private static TextBlock split(String text) throws ArtefactParseException {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    boolean blank = true;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        out.add(line.toString());
        line.setLength(0);
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        continue;
      }
      if (c == '\u001a') {
        // Ctrl-Z ends many DOS and OS/2 text files; it is not part of the text.
        continue;
      }
      if (c == '\u00a0') {
        // Text copied from a web page has no-break spaces where the artefact has blanks.
        c = ' ';
      }
      if (blank && !Character.isWhitespace(c)) {
        blank = false;
      }
      if (line.length() < MAX_LINE_CHARS) {
        line.append(c);
      }
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    if (blank) {
      throw ArtefactParseException.whole(
          ArtefactParseException.Reason.EMPTY, "the input holds nothing but white space");
    }
    return new TextBlock(List.copyOf(out), 0, out.size());
  }

  private static boolean isForbidden(char c) {
    // Tab, line ends, form feed, Ctrl-Z (end of file) and ESC (terminal colours) occur in real
    // text; every other C0 control means the bytes are not text.
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1a && c != 0x1b;
  }

  private static ArtefactParseException tooLarge(int size) {
    return ArtefactParseException.whole(
        ArtefactParseException.Reason.TOO_LARGE,
        "the input is "
            + size
            + " bytes; artefacts larger than "
            + MAX_BYTES
            + " bytes (1 MiB) are not read");
  }

  /** Most levels of quoting taken off: "> > >" is three. */
  static final int MAX_QUOTE_LEVELS = 8;

  /**
   * These lines with the quoting a mail reply or a source comment put in front of every one of them
   * taken off: when every non-blank line starts with the same mark ({@code >}, {@code #}, {@code ;}
   * or {@code |}, after any indentation), the mark and one blank after it go, as often as every
   * line has one. Line numbers stay those of the input. When some line lacks the mark nothing is
   * taken off, so an artefact whose own lines start with one of these is left alone.
   */
  public TextBlock withoutQuotePrefix() {
    List<String> current = new ArrayList<>(lines.subList(from, to));
    boolean[] rest = new boolean[current.size()];
    boolean anyRest = false;
    boolean changed = false;
    for (int level = 0; level < MAX_QUOTE_LEVELS; level++) {
      char mark = commonQuoteMark(current);
      if (mark != 0) {
        for (int i = 0; i < current.size(); i++) {
          current.set(i, unquote(current.get(i), mark));
        }
        changed = true;
      } else if (wrappedAfterQuoting(current, rest)) {
        // A reply quoted with "> " and then wrapped: the wrapped rests lost the mark. They stay
        // lines of their own, marked as the rest of the line before them.
        markRests(current, rest);
        for (int i = 0; i < current.size(); i++) {
          if (!rest[i] && isQuoted(current.get(i), '>')) {
            current.set(i, unquote(current.get(i), '>'));
          }
        }
        anyRest = true;
        changed = true;
      } else {
        break;
      }
    }
    if (!changed) {
      return this;
    }
    List<String> all = new ArrayList<>(lines);
    for (int i = 0; i < current.size(); i++) {
      all.set(from + i, current.get(i));
    }
    boolean[] marks = continued;
    if (anyRest) {
      marks = continued == null ? new boolean[lines.size()] : continued.clone();
      for (int i = 0; i < rest.length; i++) {
        marks[from + i] |= rest[i];
      }
    }
    return new TextBlock(List.copyOf(all), from, to, marks);
  }

  /**
   * Whether these lines are a reply quoted with {@code >} that a mail client wrapped afterwards:
   * the first line starts with the mark, and some line without it follows a quoted line of the same
   * paragraph (the wrapped rest of that line). Lines already known as such rests count as unquoted;
   * a paragraph without the mark after the quote is the writer's own text, not a rest.
   */
  private static boolean wrappedAfterQuoting(List<String> lines, boolean[] rest) {
    boolean first = true;
    boolean previousQuotedOrRest = false;
    boolean anyRest = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        previousQuotedOrRest = false;
        continue;
      }
      boolean quoted = !rest[i] && isQuoted(line, '>');
      if (first && !quoted) {
        return false;
      }
      first = false;
      if (quoted) {
        previousQuotedOrRest = true;
      } else if (previousQuotedOrRest) {
        anyRest = true;
      }
    }
    return anyRest;
  }

  /** Marks the lines that are wrapped rests of a quoted line; see {@link #wrappedAfterQuoting}. */
  private static void markRests(List<String> lines, boolean[] rest) {
    boolean previousQuotedOrRest = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        previousQuotedOrRest = false;
      } else if (!rest[i] && isQuoted(line, '>')) {
        previousQuotedOrRest = true;
      } else if (previousQuotedOrRest) {
        rest[i] = true;
      }
    }
  }

  private static boolean isQuoted(String line, char mark) {
    String s = line.stripLeading();
    return !s.isEmpty() && s.charAt(0) == mark;
  }

  /**
   * Whether line {@code i} is the wrapped rest of the line before it: a line that lost the quote
   * mark every other line of a quoted reply carries (see {@link #withoutQuotePrefix()}).
   */
  public boolean isContinuation(int i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("line " + i + " of " + size());
    }
    return continued != null && continued[from + i];
  }

  private static char commonQuoteMark(List<String> lines) {
    char mark = 0;
    boolean any = false;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String s = line.stripLeading();
      char c = s.charAt(0);
      if (c != '>' && c != '#' && c != ';' && c != '|') {
        return 0;
      }
      if (mark != 0 && c != mark) {
        return 0;
      }
      mark = c;
      any = true;
    }
    return any ? mark : 0;
  }

  private static String unquote(String line, char mark) {
    if (line.isBlank()) {
      return line;
    }
    String s = line.stripLeading();
    s = s.substring(1);
    return s.startsWith(" ") ? s.substring(1) : s;
  }

  /** Number of lines. */
  public int size() {
    return to - from;
  }

  /** Line {@code i} (0-based within this block), without its line end. */
  public String line(int i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("line " + i + " of " + size());
    }
    return lines.get(from + i);
  }

  /** The 1-based line number of line {@code i} in the whole input. */
  public int number(int i) {
    return from + i + 1;
  }

  /** Lines {@code start} (inclusive) to {@code end} (exclusive) of this block. */
  public TextBlock slice(int start, int end) {
    if (start < 0 || end > size() || start > end) {
      throw new IndexOutOfBoundsException("slice " + start + ".." + end + " of " + size());
    }
    return new TextBlock(lines, from + start, from + end, continued);
  }

  /** Whether every line is blank. */
  public boolean isBlank() {
    for (int i = from; i < to; i++) {
      if (!lines.get(i).isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** The lines joined with LF. */
  public String text() {
    return String.join("\n", lines.subList(from, to));
  }
}
