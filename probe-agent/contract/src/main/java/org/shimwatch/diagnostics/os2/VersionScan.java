package org.shimwatch.diagnostics.os2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds stack file names and the versions printed after them, leniently. */
final class VersionScan {

  private static final Pattern FILE =
      Pattern.compile(
          "(?<![A-Za-z0-9_$#@\\\\/.-])([A-Za-z0-9_$#@-]{1,64}\\.(?:SYS|DLL|EXE|IFS|ADD|OS2))"
              + "(?![A-Za-z0-9])",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION =
      Pattern.compile("(?<![0-9.])(\\d{1,3}(?:\\.\\d{1,5}){1,3}[a-z]?)(?![0-9])");

  private VersionScan() {}

  /** The first {@code NAME.SYS|DLL ... version} on a line, or {@code null}. */
  static ComponentVersion componentOn(String line) {
    Matcher f = FILE.matcher(line);
    if (!f.find()) {
      return null;
    }
    String rest = line.substring(f.end());
    if (rest.indexOf('\\') >= 0 || rest.indexOf('/') >= 0 || rest.indexOf('=') >= 0) {
      // A path or an assignment after the name is a CONFIG.SYS line or a listing, not a version.
      return null;
    }
    Matcher v = VERSION.matcher(rest);
    if (!v.find()) {
      return null;
    }
    return new ComponentVersion(f.group(1), v.group(1));
  }

  /** The first version number in {@code text}, or {@code null}. */
  static String versionIn(String text) {
    Matcher v = VERSION.matcher(text);
    return v.find() ? v.group(1) : null;
  }
}
