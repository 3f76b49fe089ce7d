package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;
import org.shimwatch.diagnostics.TrapFields;

/**
 * Reads where files are from OS/2 {@code dir} output ({@code Directory of C:\...} then one line per
 * file: date, time, size, extended-attribute size, name) or from a list of full paths ({@code dir
 * /s /b}). This is how a user shows which directory holds the shim's {@code _SOCKET.PYD} and {@code
 * SELECT.PYD}, and whether TCPIP32.DLL exists.
 */
public final class FileListingParser {

  /** Most files of interest kept. */
  static final int MAX_FILES = 256;

  private static final Pattern DIRECTORY_OF =
      Pattern.compile("\\s*Directory\\s+of\\s+(\\S.{0,300}?)\\s*", Pattern.CASE_INSENSITIVE);
  // date, time, size (or <DIR>), extended-attribute size (CMD), name: CMD, 4OS2 and EMX dir alike.
  private static final Pattern DIR_ENTRY =
      Pattern.compile(
          "\\s*(\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4})\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?\\s*[aApP]?[mM]?)"
              + "\\s+(<DIR>|[\\d,.]{1,20})(?:\\s+[\\d,.]{1,20})?\\s+(\\S.{0,255}?)\\s*");
  private static final Pattern FULL_PATH =
      Pattern.compile(
          "\\s*((?:[A-Za-z]:)?[\\\\/](?:[^\\\\/:*?\"<>|]{1,255}[\\\\/]){0,32}"
              + "[^\\\\/:*?\"<>|\\s][^\\\\/:*?\"<>|]{0,254}\\.(?:PYD|DLL|SYS))\\s*",
          Pattern.CASE_INSENSITIVE);

  private FileListingParser() {}

  /** Whether a line is a listing's {@code Directory of} line or a full path to a module. */
  public static boolean isListingLine(String line) {
    return DIRECTORY_OF.matcher(line).matches() || FULL_PATH.matcher(line).matches();
  }

  /** Whether Shimwatch keeps this file name from a listing. */
  public static boolean isOfInterest(String fileName) {
    String n = fileName.toUpperCase(Locale.ROOT);
    return n.equals("_SOCKET.PYD")
        || n.equals("SELECT.PYD")
        || n.equals("TCPIP32.DLL")
        || n.equals("SOCKETS.SYS")
        || n.equals("AFOS2.SYS")
        || n.equals("AFINET.SYS")
        || n.equals("SO32DLL.DLL")
        || n.equals("TCP32DLL.DLL")
        || (n.startsWith("PYTHON") && n.endsWith(".DLL") && n.length() <= 16);
  }

  /** Reads a listing from text. */
  public static FileListing parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads a listing.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} when there is no {@code Directory of}
   *     line and no full path to a module
   */
  public static FileListing parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    List<ListedFile> files = new ArrayList<>();
    int others = 0;
    Map<String, List<String>> moduleDates = new LinkedHashMap<>();
    int datesKept = 0;
    boolean recognized = false;
    String directory = null;
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      Matcher m;
      if ((m = DIRECTORY_OF.matcher(line)).matches()) {
        recognized = true;
        directory = m.group(1);
      } else if ((m = FULL_PATH.matcher(line)).matches()) {
        recognized = true;
        String path = m.group(1);
        String name = TrapFields.fileName(path);
        if (name != null && isOfInterest(name)) {
          add(files, name, Os2Paths.reduce(Os2Paths.parentOf(path), null));
        } else {
          others++;
        }
      } else if (directory != null && (m = DIR_ENTRY.matcher(line)).matches()) {
        if (m.group(3).equalsIgnoreCase("<DIR>")) {
          continue;
        }
        String name = TrapFields.fileName(m.group(4));
        String reduced = Os2Paths.reduce(directory, null);
        if (name != null && isOfInterest(name)) {
          if (files.size() < MAX_FILES) {
            files.add(
                new ListedFile(
                    name.toUpperCase(Locale.ROOT),
                    reduced,
                    size(m.group(3)),
                    m.group(1),
                    m.group(2).replaceAll("\\s+", "").toLowerCase(Locale.ROOT)));
          }
        } else {
          others++;
          if (name != null
              && name.toUpperCase(Locale.ROOT).endsWith(".PYD")
              && reduced != null
              && datesKept++ < MAX_FILES) {
            moduleDates.computeIfAbsent(reduced, d -> new ArrayList<>()).add(m.group(1));
          }
        }
      }
    }
    if (!recognized) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not a file listing: no 'Directory of' line and no full path to a .PYD, .DLL or .SYS");
    }
    if (files.isEmpty()) {
      notes.whole(
          "the listing shows none of _SOCKET.PYD, SELECT.PYD, TCPIP32.DLL or the stack drivers");
    }
    return new FileListing(files, others, notes.list(), moduleDates);
  }

  /** A size as listed ({@code 45312}, {@code 45,312}, {@code 45.312}), or {@code null}. */
  private static Long size(String raw) {
    String digits = raw.replace(",", "").replace(".", "");
    if (digits.isEmpty() || digits.length() > 15) {
      return null;
    }
    return Long.parseLong(digits);
  }

  private static void add(List<ListedFile> files, String name, String directory) {
    if (files.size() < MAX_FILES) {
      files.add(new ListedFile(name.toUpperCase(Locale.ROOT), directory));
    }
  }
}
