package org.shimwatch.diagnostics.os2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;

/**
 * Reads {@code ver} output ("The Operating System/2 Version is 4.50") and {@code ver /r}, which
 * adds the kernel's revision ("Revision 14.097_UNI"). The raw text is kept.
 */
public final class VerOutputParser {

  private static final Pattern VERSION =
      Pattern.compile(
          "The\\s+Operating\\s+System/2\\s+Version\\s+is\\s+(\\d{1,2}\\.\\d{1,3})",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern REVISION =
      Pattern.compile(
          "\\s*(?:Internal\\s+)?Revision\\s*(?:is\\s+|:\\s*)?([0-9][0-9A-Za-z._]{0,60})",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern COMMAND =
      Pattern.compile(
          "\\s*(?:\\[[^\\]]{0,260}\\]\\s*)?ver(?:\\s+/r)?\\s*", Pattern.CASE_INSENSITIVE);

  private VerOutputParser() {}

  /** Whether a line echoes {@code ver} or {@code ver /r}. */
  public static boolean isCommand(String line) {
    return COMMAND.matcher(line).matches();
  }

  /** Whether a line is {@code ver}'s version line. */
  public static boolean isVersionLine(String line) {
    return VERSION.matcher(line).find();
  }

  /** Reads {@code ver} output from text. */
  public static VerOutput parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads {@code ver} output.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} without the version line
   */
  public static VerOutput parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    String version = null;
    String revision = null;
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      Matcher m;
      if (version == null && (m = VERSION.matcher(line)).find()) {
        version = m.group(1);
      } else if (revision == null && (m = REVISION.matcher(line)).lookingAt()) {
        revision = TrapScreenParser.revision(m.group(1));
      }
    }
    if (version == null) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not ver output: no line 'The Operating System/2 Version is ...'");
    }
    return new VerOutput(RawText.of(block, notes), version, revision, notes.list());
  }
}
