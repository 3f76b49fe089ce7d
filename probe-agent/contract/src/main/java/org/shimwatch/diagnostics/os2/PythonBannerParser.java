package org.shimwatch.diagnostics.os2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;
import org.shimwatch.diagnostics.TrapFields;

/**
 * Reads Python's start-up banner: {@code Python 2.3.3 (#0, Dec 20 2003, 16:54:12)} and, on the same
 * or the next line, {@code [EMX GCC 2.8.1] on os2emx}; the "Type "help" ..." line after it is
 * ignored. Python 2.x prints the first two on one line when the build string is short, on two
 * otherwise.
 */
public final class PythonBannerParser {

  private static final Pattern FIRST =
      Pattern.compile(
          "\\s*Python\\s+(\\d{1,2}\\.\\d{1,2}(?:\\.\\d{1,2})?(?:[abc]\\d{1,2}|\\+)?)"
              + "\\s+\\(([^)]{0,120})\\)(.*)");
  private static final Pattern PLATFORM =
      Pattern.compile("\\s*(?:\\[([^\\]]{1,120})\\])?\\s*on\\s+([A-Za-z0-9_]{1,32})\\s*");

  private PythonBannerParser() {}

  /** Whether a line starts Python's banner. */
  public static boolean isStart(String line) {
    return FIRST.matcher(line).matches();
  }

  /** Reads a banner from text. */
  public static PythonBanner parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads a banner.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} without a {@code Python X.Y (...)} line
   */
  public static PythonBanner parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    for (int i = 0; i < block.size(); i++) {
      Matcher m = FIRST.matcher(block.line(i));
      if (!m.matches()) {
        continue;
      }
      String compiler = null;
      String platform = null;
      Matcher p = PLATFORM.matcher(m.group(3));
      if (!p.matches() && i + 1 < block.size()) {
        p = PLATFORM.matcher(block.line(i + 1));
      }
      if (p.matches()) {
        compiler = p.group(1) == null ? null : TrapFields.text(p.group(1).strip(), 120);
        platform = p.group(2);
      } else {
        notes.whole("the banner does not say which platform Python was built for");
      }
      return new PythonBanner(
          m.group(1), TrapFields.text(m.group(2).strip(), 120), compiler, platform, notes.list());
    }
    throw ArtefactParseException.atLine(
        Reason.NOT_RECOGNIZED,
        block.number(0),
        "not a Python start-up banner: no line 'Python X.Y (...)'");
  }
}
