package org.shimwatch.diagnostics.os2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;

/**
 * The raw text kept for {@code ver}, {@code inetver} and {@code BLDLEVEL} output. It is kept as
 * pasted except for directories, which can name users: a prompt {@code [D:\HOME\ALICE]} becomes
 * {@code [D:]}, and a path keeps its drive and file name only ({@code d:\...\tcpip32.dll}).
 */
final class RawText {

  /**
   * Most raw text kept: 16 KiB. These commands print a few hundred bytes; a paste longer than this
   * holds something else.
   */
  static final int MAX_CHARS = 16 * 1024;

  private static final Pattern PROMPT = Pattern.compile("\\[([A-Za-z]:)[\\\\/][^\\]\\n]{0,260}\\]");
  private static final Pattern PATH =
      Pattern.compile("([A-Za-z]:)((?:[\\\\/][^\\\\/\\s\"<>|\\[\\]]{1,255}){1,64})[\\\\/]?");

  private RawText() {}

  /** The block's text, without directories, cut at {@link #MAX_CHARS} with a note when longer. */
  static String of(TextBlock block, Notes notes) {
    String text = withoutDirectories(block.text().strip());
    if (text.length() > MAX_CHARS) {
      notes.whole("the raw text was cut to its first " + MAX_CHARS + " characters");
      return text.substring(0, MAX_CHARS);
    }
    return text;
  }

  /** The text with prompts reduced to their drive and paths to their drive and file name. */
  static String withoutDirectories(String text) {
    String t = PROMPT.matcher(text).replaceAll("[$1]");
    Matcher m = PATH.matcher(t);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String drive = m.group(1);
      String path = m.group(2);
      int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
      String last = path.substring(cut + 1);
      boolean isFile = last.indexOf('.') > 0;
      String reduced = drive + "\\" + (isFile ? (cut == 0 ? last : "...\\" + last) : "...");
      m.appendReplacement(out, Matcher.quoteReplacement(reduced));
    }
    m.appendTail(out);
    return out.toString();
  }
}
