package org.shimwatch.diagnostics.os2;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.TrapFields;

/** Reads register dumps written as {@code NAME=value} pairs (POPUPLOG.OS2, trap screens). */
final class RegisterPairs {

  private static final Pattern START = Pattern.compile("\\s*[A-Za-z][A-Za-z0-9:]{0,15}=\\S");
  private static final Pattern PAIR =
      Pattern.compile("([A-Za-z][A-Za-z0-9:]{0,15})=(\\S{1,40})(?=\\s|$)");

  private RegisterPairs() {}

  /** Whether a line starts like a register dump line. */
  static boolean isRegisterLine(String line) {
    return START.matcher(line).lookingAt();
  }

  /**
   * Adds the line's registers to {@code into}, upper-cased by name, leaving out fields the artefact
   * marks unused ({@code ****}, {@code XXXXXXXX}) and keeping at most the contract's number of
   * registers. A name seen twice keeps its first value: hand-copied screens repeat a name where the
   * original has another ({@code ES=0158 DSACC=c0f3} under {@code DS=0158 DSACC=c0f3}), and the
   * first is the one in its place.
   *
   * @return how many pairs were not registers the contract can carry (other than unused ones)
   */
  static int read(String line, Map<String, String> into) {
    int rejected = 0;
    Matcher m = PAIR.matcher(line);
    while (m.find()) {
      String name = m.group(1).toUpperCase(Locale.ROOT);
      String raw = m.group(2);
      if (TrapFields.isPlaceholder(raw)) {
        continue;
      }
      String value = TrapFields.registerValue(raw);
      if (value == null || !TrapFields.isRegisterName(name)) {
        rejected++;
        continue;
      }
      if (into.size() < TrapFields.MAX_REGISTERS && !into.containsKey(name)) {
        into.put(name, value);
      }
    }
    return rejected;
  }
}
