package org.shimwatch.diagnostics.os2;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TrapFields;

/**
 * Reads binary SYSLEVEL files ({@code \OS2\INSTALL\SYSLEVEL.OS2}, {@code .FPK}, {@code .ECS},
 * {@code \TCPIP\BIN\SYSLEVEL.TCP}, {@code \MPTN\SYSLEVEL.MPT}).
 *
 * <p>Layout (little-endian, packed): a 0x25-byte header of {@code FF FF}, {@code "SYSLEVEL"} at
 * 0x02, a date at 0x0A, the format version (1) at 0x0F and the table's offset T at 0x21; then the
 * table at T: system id (T+0), edition (T+2), version byte (T+3, major and minor nibbles), modify
 * level (T+4), date (T+5), current CSD (T+7), prior CSD (T+0x0F), title (T+0x17, 80 bytes,
 * NUL-terminated), component id (T+0x67, 9 bytes), refresh level (T+0x70) and type (T+0x71, or
 * T+0x72 in some files). T is honoured wherever it points, and files may be any size that holds the
 * table: real ones carry appended lists.
 */
public final class SyslevelFileParser {

  /**
   * Largest file accepted: 64 KiB. Real SYSLEVEL files are about 169 bytes; anything this large is
   * not one.
   */
  public static final int MAX_BYTES = 64 * 1024;

  /** Size of the header, and where the table normally starts. */
  public static final int USUAL_TABLE_OFFSET = 0x25;

  /** The table must reach at least the first byte of the type field. */
  static final int MIN_TABLE = 0x72;

  /** Longest type string. */
  static final int MAX_TYPE = 8;

  private static final byte[] MAGIC = {
    (byte) 0xff, (byte) 0xff, 'S', 'Y', 'S', 'L', 'E', 'V', 'E', 'L'
  };

  private static final Pattern SYSLEVEL_NAME =
      Pattern.compile("SYSLEVEL\\.[A-Z0-9_]{1,3}", Pattern.CASE_INSENSITIVE);

  private SyslevelFileParser() {}

  /** Whether these bytes start with a SYSLEVEL file's signature. */
  public static boolean hasSignature(byte[] content) {
    if (content == null || content.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (content[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads one SYSLEVEL file.
   *
   * @param content the file's bytes
   * @param nameHint the file's name or path when known (its extension tells .TCP from .OS2), or
   *     {@code null}
   * @throws ArtefactParseException with the byte offset of the problem: {@code NOT_RECOGNIZED}
   *     without the signature, {@code UNSUPPORTED_VERSION} for a format other than 1, {@code
   *     TRUNCATED} when the file ends before the table does, {@code MALFORMED} for a table offset
   *     into the header or text fields holding control bytes
   */
  public static SyslevelFile parse(byte[] content, String nameHint) throws ArtefactParseException {
    if (content == null || content.length == 0) {
      throw ArtefactParseException.whole(Reason.EMPTY, "the SYSLEVEL file is empty");
    }
    if (content.length > MAX_BYTES) {
      throw ArtefactParseException.whole(
          Reason.TOO_LARGE,
          "the file is "
              + content.length
              + " bytes; a SYSLEVEL file is about 169 bytes and at most "
              + MAX_BYTES
              + " are read");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (i >= content.length) {
        throw ArtefactParseException.atOffset(
            Reason.TRUNCATED, content.length, "the file ends inside the SYSLEVEL signature");
      }
      if (content[i] != MAGIC[i]) {
        throw ArtefactParseException.atOffset(
            Reason.NOT_RECOGNIZED,
            i,
            "not a SYSLEVEL file: it does not start with FF FF \"SYSLEVEL\"");
      }
    }
    if (content.length < USUAL_TABLE_OFFSET) {
      throw ArtefactParseException.atOffset(
          Reason.TRUNCATED, content.length, "the file ends inside the 37-byte SYSLEVEL header");
    }
    int format = u16(content, 0x0f);
    if (format != 1) {
      throw ArtefactParseException.atOffset(
          Reason.UNSUPPORTED_VERSION,
          0x0f,
          "SYSLEVEL format version " + format + " is not supported; only version 1 is known");
    }
    long table = u32(content, 0x21);
    if (table < USUAL_TABLE_OFFSET) {
      throw ArtefactParseException.atOffset(
          Reason.MALFORMED,
          0x21,
          String.format("the table offset 0x%x points into the header", table));
    }
    if (table + MIN_TABLE > content.length) {
      throw ArtefactParseException.atOffset(
          Reason.TRUNCATED,
          content.length,
          String.format(
              "the table at offset 0x%x needs 0x%x bytes, but the file ends at offset 0x%x",
              table, MIN_TABLE, content.length));
    }
    int t = (int) table;
    Notes notes = new Notes();
    int systemId = u16(content, t);
    int edition = content[t + 2] & 0xff;
    int versionByte = content[t + 3] & 0xff;
    int modify = content[t + 4] & 0xff;
    int refresh = content[t + 0x70] & 0xff;
    String version =
        (versionByte >> 4)
            + "."
            + String.format(Locale.ROOT, "%02d", (versionByte & 0x0f) * 10 + modify)
            + (refresh != 0 ? "." + refresh : "");
    String current = ascii(content, t + 7, 7, "current CSD level");
    String prior = ascii(content, t + 0x0f, 7, "prior CSD level");
    String title = cString(content, t + 0x17, 80, "title", false);
    String componentId = ascii(content, t + 0x67, 9, "component id");
    boolean fallback = false;
    int typeAt = t + 0x71;
    if (content[typeAt] == 0) {
      // Some documents place the type one byte later; a NUL here means it is not at 0x71.
      typeAt++;
      fallback = true;
    }
    String type = null;
    if (typeAt < content.length) {
      type = cString(content, typeAt, MAX_TYPE, "type", true);
    }
    if (table != USUAL_TABLE_OFFSET) {
      notes.whole(String.format("the table is at offset 0x%x, not the usual 0x25", table));
    }
    if (fallback && type != null) {
      notes.whole("the type was found at table + 0x72");
    }
    if (title == null && current == null && componentId == null) {
      notes.whole("the table is blank: no title, component id or CSD level");
    }
    String fileName = null;
    String name = TrapFields.fileName(nameHint);
    if (name != null && SYSLEVEL_NAME.matcher(name).matches()) {
      fileName = name.toUpperCase(Locale.ROOT);
    }
    SyslevelEntry entry =
        SyslevelEntry.of(fileName, title, version, componentId, type, current, prior);
    return new SyslevelFile(
        entry, systemId, edition, refresh, table, fallback, content.length, notes.list());
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24;
  }

  /** A fixed-width ASCII field padded with NULs, blanks or underscores. */
  private static String ascii(byte[] b, int at, int width, String what)
      throws ArtefactParseException {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < width; i++) {
      int c = b[at + i] & 0xff;
      if (c == 0) {
        break;
      }
      if (c < 0x20 || c > 0x7e) {
        throw ArtefactParseException.atOffset(
            Reason.MALFORMED,
            at + i,
            String.format("the %s holds byte 0x%02x, which is not text", what, c));
      }
      s.append((char) c);
    }
    String v = s.toString().strip();
    while (v.endsWith("_")) {
      v = v.substring(0, v.length() - 1);
    }
    return v.isEmpty() ? null : v;
  }

  /**
   * A NUL-terminated string of at most {@code max} characters. When {@code mayEndWithFile}, the
   * file may end before {@code max} characters only at a NUL; otherwise the field lies wholly
   * inside the table, which was already checked to fit.
   */
  private static String cString(byte[] b, int at, int max, String what, boolean mayEndWithFile)
      throws ArtefactParseException {
    int end = at;
    while (end - at < max) {
      if (end >= b.length) {
        if (mayEndWithFile) {
          throw ArtefactParseException.atOffset(
              Reason.TRUNCATED, b.length, "the file ends inside the " + what);
        }
        break;
      }
      int c = b[end] & 0xff;
      if (c == 0) {
        break;
      }
      if (c < 0x20 || c == 0x7f) {
        throw ArtefactParseException.atOffset(
            Reason.MALFORMED,
            end,
            String.format("the %s holds byte 0x%02x, which is not text", what, c));
      }
      end++;
    }
    String v = new String(b, at, end - at, StandardCharsets.ISO_8859_1).strip();
    return v.isEmpty() ? null : v;
  }
}
