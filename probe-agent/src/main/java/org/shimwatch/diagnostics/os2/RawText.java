package org.shimwatch.diagnostics.os2;

import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;

/** The raw text kept for {@code ver}, {@code inetver} and {@code BLDLEVEL} output. */
final class RawText {

  /**
   * Most raw text kept: 16 KiB. These commands print a few hundred bytes; a paste longer than this
   * holds something else.
   */
  static final int MAX_CHARS = 16 * 1024;

  private RawText() {}

  /** The block's text, cut at {@link #MAX_CHARS} with a note when longer. */
  static String of(TextBlock block, Notes notes) {
    String text = block.text().strip();
    if (text.length() > MAX_CHARS) {
      notes.whole("the raw text was cut to its first " + MAX_CHARS + " characters");
      return text.substring(0, MAX_CHARS);
    }
    return text;
  }
}
