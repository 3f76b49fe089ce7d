package org.shimwatch.server.advice;

import java.util.Locale;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.web.advice.AppliesTo;

/**
 * Whether an advice entry applies to a set-up: the one place this is decided, for cells, the check
 * answer, trap group pages and receipts alike.
 *
 * <ul>
 *   <li>Each part the entry sets must hold where the set-up says what that part is; a part the
 *       set-up does not know is taken as possibly matching (the entry shows with its conditions in
 *       words).
 *   <li>Version ranges include both ends. Shim versions, and the versions of stacks other than IBM
 *       TCP/IP, compare as {@link Versions} orders them, part by part ({@code 0.10 > 0.9}, {@code
 *       5.10 > 5.9}). IBM TCP/IP for OS/2 ({@code os2-tcpip}, named by the entry or by the set-up)
 *       numbers its versions as decimals: 4.0, 4.1, 4.21, 4.3, 4.31, 4.32, so {@code 4.21} lies
 *       between {@code 4.2} and {@code 4.3} there.
 *   <li>A fix matches an installed fix by {@code kind:id} or by id alone, in any case, whatever its
 *       version.
 *   <li>An entry fixed in a shim version does not apply to a set-up known to run that version or a
 *       later one: the issue is fixed there.
 * </ul>
 */
public final class AdviceMatcher {

  private AdviceMatcher() {}

  /** Whether an entry with these conditions and fixed-in version applies to the set-up. */
  public static boolean applies(AppliesTo a, String fixedIn, AdviceEnvironment e) {
    if (a.stackName() != null
        && e.stackName() != null
        && !a.stackName().equalsIgnoreCase(e.stackName())) {
      return false;
    }
    if (e.stackVersion() != null) {
      String name = a.stackName() != null ? a.stackName() : e.stackName();
      if (!withinStack(name, e.stackVersion(), a.stackFrom(), a.stackTo())) {
        return false;
      }
    }
    if (a.fix() != null && e.fixes() != null) {
      boolean installed = installed(a.fix(), e);
      if (installed != !Boolean.FALSE.equals(a.fixPresent())) {
        return false;
      }
    }
    if (a.installMode() != null
        && e.installMode() != null
        && !a.installMode().equals(e.installMode())) {
      return false;
    }
    if (a.trapGroupId() != null
        && e.trapGroups() != null
        && !e.trapGroups().contains(a.trapGroupId())) {
      return false;
    }
    if (e.shimVersion() != null) {
      if (!within(e.shimVersion(), a.shimFrom(), a.shimTo())) {
        return false;
      }
      if (fixedIn != null && Versions.atLeast(e.shimVersion(), fixedIn)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code version} lies in [from, to]; an end left {@code null} is open. */
  static boolean within(String version, String from, String to) {
    return (from == null || Versions.compare(from, version) <= 0)
        && (to == null || Versions.compare(version, to) <= 0);
  }

  /** Whether a stack version lies in [from, to], in the order of that stack's versions. */
  static boolean withinStack(String stackName, String version, String from, String to) {
    return (from == null || compareStack(stackName, from, version) <= 0)
        && (to == null || compareStack(stackName, version, to) <= 0);
  }

  /** The stack whose versions are decimal numbers. */
  static final String IBM_TCPIP = "os2-tcpip";

  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");

  /**
   * Compares two versions of a stack: as decimal numbers for IBM TCP/IP when both are ({@code 4.21
   * < 4.3}), else as {@link Versions} does.
   */
  public static int compareStack(String stackName, String a, String b) {
    if (IBM_TCPIP.equalsIgnoreCase(stackName)
        && DECIMAL.matcher(a).matches()
        && DECIMAL.matcher(b).matches()) {
      int c = new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
      if (c != 0) {
        return c;
      }
    }
    return Versions.compare(a, b);
  }

  private static boolean installed(String fix, AdviceEnvironment e) {
    String wanted = fix.toLowerCase(Locale.ROOT);
    boolean byKind = wanted.indexOf(':') > 0;
    for (String f : e.fixes()) {
      String have = f.toLowerCase(Locale.ROOT);
      int eq = have.indexOf('=');
      if (eq >= 0) {
        have = have.substring(0, eq);
      }
      int colon = have.indexOf(':');
      String id = colon >= 0 ? have.substring(colon + 1) : have;
      if (byKind ? have.equals(wanted) : id.equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
