package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;

/**
 * Reads the output of the TCP/IP {@code inetver} command leniently: any line naming a stack file
 * ({@code NAME.SYS}, {@code NAME.DLL}) followed by a version gives a component version, and an
 * "Inet Version" line gives the stack's own version. The raw text is kept, since the format has no
 * verified published sample.
 */
public final class InetverOutputParser {

  /** Most components kept; the stack has about a dozen files. */
  static final int MAX_COMPONENTS = 64;

  private static final Pattern INET =
      Pattern.compile(
          "\\s*Inet\\s*Ver(?:sion)?\\s*(?:is\\s+|[:=]\\s*)?(\\d{1,2}(?:\\.\\d{1,4}){1,2})",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMAND =
      Pattern.compile("\\s*(?:\\[[^\\]]{0,260}\\]\\s*)?inetver\\s*", Pattern.CASE_INSENSITIVE);

  private InetverOutputParser() {}

  /** Whether a line looks like part of {@code inetver} output. */
  public static boolean isInetverLine(String line) {
    return INET.matcher(line).lookingAt()
        || COMMAND.matcher(line).matches()
        || VersionScan.componentOn(line) != null;
  }

  /** Whether a line is the {@code inetver} command itself, as echoed after a prompt. */
  public static boolean isCommand(String line) {
    return COMMAND.matcher(line).matches();
  }

  /** Reads {@code inetver} output from text. */
  public static InetverOutput parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads {@code inetver} output.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} when no line gives a version
   */
  public static InetverOutput parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    String inet = null;
    List<ComponentVersion> components = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      Matcher m;
      if (inet == null && (m = INET.matcher(line)).lookingAt()) {
        inet = m.group(1);
        continue;
      }
      ComponentVersion c = VersionScan.componentOn(line);
      if (c != null && components.size() < MAX_COMPONENTS) {
        components.add(c);
      } else if (!line.isBlank() && !COMMAND.matcher(line).matches()) {
        notes.at(block.number(i), "line gives no version, kept only in the raw text");
      }
    }
    if (inet == null && components.isEmpty()) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not inetver output: no line names a stack file with a version");
    }
    return new InetverOutput(RawText.of(block, notes), inet, components, notes.list());
  }
}
