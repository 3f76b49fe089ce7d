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
 * Reads {@code BLDLEVEL} output leniently: the echoed command line names the file, {@code
 * Signature: @#VENDOR:VERSION#@...@@DESCRIPTION} gives vendor, version and description, and the
 * {@code Vendor:}, {@code Revision:}, {@code Description:} and {@code Date/Time:} lines give them
 * again. Several runs pasted one after another make several modules. The raw text is kept.
 */
public final class BldlevelOutputParser {

  /** Width of the screen BLDLEVEL writes to; a longer signature goes on on the next line. */
  static final int SCREEN_WIDTH = 80;

  /** Most modules kept. */
  static final int MAX_MODULES = 64;

  private static final Pattern COMMAND =
      Pattern.compile(
          "\\s*(?:\\[[^\\]]{0,260}\\]\\s*)?bldlevel\\s+(\\S{1,260})\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIGNATURE =
      Pattern.compile("\\s*Signature\\s*:\\s*(.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIGNATURE_VENDOR = Pattern.compile("@#([^:#]{0,64}):([^#]{0,64})#@");
  private static final Pattern SIGNATURE_DESCRIPTION = Pattern.compile("@@(.{1,200})");
  private static final Pattern FIELD =
      Pattern.compile(
          "\\s*(Vendor|Revision|File\\s+Version|Description|Date/Time|Build\\s+Machine"
              + "|ASD\\s+Feature\\s+ID|Language\\s+Code|Country\\s+Code|FixPak\\s+Version)\\s*:"
              + "\\s*(.*)",
          Pattern.CASE_INSENSITIVE);

  /**
   * The extended signature after {@code #@}: {@code ##1##}, the build date and time in a
   * fixed-width field, then {@code machine:ASD feature:language:country:build:(unused):FixPak}
   * before {@code @@}.
   */
  private static final Pattern SIGNATURE_EXTENDED =
      Pattern.compile(
          "#@##1##\\s*((?:\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}|\\d{1,2}\\s+[A-Za-z]{3}\\s+\\d{4})"
              + "(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)?"
              + "\\s*([^:@#\\s]{0,32}):([^:@#]{0,32}):([^:@#]{0,8}):([^:@#]{0,8}):([^:@#]{0,16})"
              + ":([^:@#]{0,16}):([^:@#]{0,32})@@");

  private static final Pattern BANNER =
      Pattern.compile("\\s*Build\\s+Level\\s+Display\\s+Facility.*", Pattern.CASE_INSENSITIVE);

  private BldlevelOutputParser() {}

  /** Whether a line marks {@code BLDLEVEL} output: the command, its banner or a signature. */
  public static boolean isBldlevelLine(String line) {
    return COMMAND.matcher(line).matches()
        || BANNER.matcher(line).matches()
        || (SIGNATURE.matcher(line).matches() && line.contains("@#"));
  }

  /** Reads {@code BLDLEVEL} output from text. */
  public static BldlevelOutput parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads {@code BLDLEVEL} output.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} when no module shows a signature, vendor,
   *     revision or description
   */
  public static BldlevelOutput parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    List<Module> modules = new ArrayList<>();
    Module cur = null;
    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      Matcher m;
      if ((m = COMMAND.matcher(line)).matches()) {
        cur = new Module();
        cur.fileName = TrapFields.fileName(m.group(1));
        modules.add(cur);
      } else if ((m = SIGNATURE.matcher(line)).matches()) {
        if (cur == null || cur.signatureSeen) {
          cur = new Module();
          modules.add(cur);
        }
        cur.signatureSeen = true;
        String sig = m.group(1);
        if (line.length() >= SCREEN_WIDTH - 1
            && i + 1 < block.size()
            && !block.line(i + 1).isBlank()
            && Character.isWhitespace(block.line(i + 1).charAt(0))
            && !FIELD.matcher(block.line(i + 1)).matches()) {
          // BLDLEVEL wraps a long signature at the screen's edge: " doscall1.dll" goes on "@@SMP".
          // Blanks a paste added after the edge are not part of it.
          sig = sig.stripTrailing() + block.line(++i);
        }
        // A signature a mail client wrapped before its "#@": the rest is on the next lines.
        while (sig.contains("@#")
            && !sig.contains("#@")
            && i + 1 < block.size()
            && isRest(block, i + 1)
            && sig.length() < 400) {
          sig = sig.stripTrailing() + " " + block.line(++i).strip();
        }
        Matcher v = SIGNATURE_VENDOR.matcher(sig);
        if (v.find()) {
          cur.vendor = first(cur.vendor, v.group(1));
          cur.signatureVersion = TrapFields.text(v.group(2), 64);
        }
        Matcher x = SIGNATURE_EXTENDED.matcher(sig);
        if (x.find()) {
          cur.signatureDate = TrapFields.text(x.group(1), 40);
          cur.buildMachine = first(cur.buildMachine, x.group(2));
          cur.asdFeatureId = first(cur.asdFeatureId, x.group(3));
          cur.languageCode = first(cur.languageCode, x.group(4));
          cur.countryCode = first(cur.countryCode, x.group(5));
          cur.fixpakVersion = first(cur.fixpakVersion, x.group(8));
        }
        Matcher d = SIGNATURE_DESCRIPTION.matcher(sig);
        if (d.find()) {
          cur.description = first(cur.description, d.group(1));
        } else if (!v.find(0) && !sig.isBlank() && !sig.contains("@#")) {
          // A module without a BLDLEVEL signature shows its plain description string here, e.g.
          // "Python standard module _socket" for the stock EMX Python modules.
          cur.description = first(cur.description, sig.strip());
        }
      } else if ((m = FIELD.matcher(line)).matches()) {
        if (cur == null) {
          cur = new Module();
          modules.add(cur);
        }
        String key = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String value = m.group(2);
        // Every line BLDLEVEL writes has a label; a line without one right after a field is the
        // rest of its value, cut off by a mail client's wrapping.
        while (i + 1 < block.size() && isRest(block, i + 1) && value.length() < 400) {
          value = value.stripTrailing() + " " + block.line(++i).strip();
        }
        switch (key) {
          case "vendor":
            cur.vendor = first(cur.vendor, value);
            break;
          case "revision":
            cur.revision = TrapFields.text(value, 64);
            break;
          case "file version":
            cur.fileVersion = TrapFields.text(value, 64);
            break;
          case "description":
            // The Description line gives the whole text; the signature's may be cut or wrapped.
            String described = TrapFields.text(value, 200);
            cur.description = described != null ? described : cur.description;
            break;
          case "build machine":
            cur.buildMachine = first(cur.buildMachine, value);
            break;
          case "asd feature id":
            cur.asdFeatureId = first(cur.asdFeatureId, value);
            break;
          case "language code":
            cur.languageCode = first(cur.languageCode, value);
            break;
          case "country code":
            cur.countryCode = first(cur.countryCode, value);
            break;
          case "fixpak version":
            cur.fixpakVersion = first(cur.fixpakVersion, value);
            break;
          default:
            cur.date = TrapFields.text(value, 40);
            break;
        }
      }
    }
    List<BuildLevel> out = new ArrayList<>();
    for (Module mod : modules) {
      String version =
          mod.revision != null
              ? mod.revision
              : mod.signatureVersion != null ? mod.signatureVersion : mod.fileVersion;
      if (mod.vendor == null && version == null && mod.description == null) {
        continue;
      }
      if (out.size() < MAX_MODULES) {
        out.add(
            new BuildLevel(
                mod.fileName,
                mod.vendor,
                version,
                mod.description,
                mod.date != null ? mod.date : mod.signatureDate,
                mod.fileVersion,
                mod.buildMachine,
                mod.asdFeatureId,
                mod.languageCode,
                mod.countryCode,
                mod.fixpakVersion));
      }
    }
    if (out.isEmpty()) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not BLDLEVEL output: no signature, vendor, revision or description");
    }
    return new BldlevelOutput(RawText.of(block, notes), out, notes.list());
  }

  /** Lines BLDLEVEL writes without a label. */
  private static final Pattern BARE_LINE =
      Pattern.compile(
          "\\s*(?:\\(C\\)\\s*Copyright.*|Uniprocessor\\s+only|Multiprocessor.*)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern LABEL = Pattern.compile("\\s*[A-Za-z][A-Za-z /]{0,30}:(?:\\s.*)?");

  /** Whether line {@code i} is the wrapped rest of the field line before it. */
  private static boolean isRest(TextBlock block, int i) {
    String line = block.line(i);
    if (line.isBlank()) {
      return false;
    }
    if (block.isContinuation(i)) {
      return true;
    }
    return !LABEL.matcher(line).matches()
        && !BARE_LINE.matcher(line).matches()
        && !BANNER.matcher(line).matches()
        && !COMMAND.matcher(line).matches();
  }

  private static String first(String existing, String value) {
    return existing != null ? existing : TrapFields.text(value, 200);
  }

  private static final class Module {
    String fileName;
    boolean signatureSeen;
    String vendor;
    String signatureVersion;
    String revision;
    String fileVersion;
    String description;
    String date;
    String signatureDate;
    String buildMachine;
    String asdFeatureId;
    String languageCode;
    String countryCode;
    String fixpakVersion;
  }
}
