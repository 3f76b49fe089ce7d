package org.shimwatch.server.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.server.rollup.RolledReport;

/**
 * How a report's environment becomes a matrix row: the way a user describes their machine, not
 * every distinct set of fixes (which splits the data until most cells say "not enough data"). One
 * constant per kind of system, each with the rule for the row's platform, stack and fix level in
 * words; the matrix's rules page and the README show these words, and {@link RowGroup#of} applies
 * them. The full fix sets stay in the cells, and the drill-down lists them.
 */
public enum RowGrouping {
  OS2(
      "OS/2, eComStation, ArcaOS",
      "system name and version, e.g. eComStation 1.1",
      "IBM TCP/IP version, e.g. 4.3",
      "the stack's CSD level (e.g. UN02200, from SYSLEVEL.TCP, else the newest UN CSD among the"
          + " fixes) and whether a NEWSTACK update is in"),
  LINUX(
      "Linux",
      "distribution and release, e.g. Debian GNU/Linux 12",
      "kernel series: the first two numbers of the kernel release (6.1.0-27-amd64 is 6.1)",
      "none: package versions are listed in the drill-down"),
  OTHER(
      "any other system",
      "system name and version",
      "stack name and version as reported",
      "none: the fixes are listed in the drill-down");

  /** A TCP/IP CSD level, e.g. UN02200: {@code UN}, country digit, four digits. */
  private static final Pattern TCPIP_CSD = Pattern.compile("UN[0-9A-Z](\\d{4})");

  /** The leading {@code major.minor} of a kernel release. */
  private static final Pattern KERNEL_SERIES = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.\\-+_~].*)?$");

  /** The fix level of an OS/2 row with NEWSTACK in: {@link RowGroup#fixLevel} holds this entry. */
  static final String NEWSTACK = "newstack:NEWSTACK";

  private final String systems;
  private final String platformRule;
  private final String stackRule;
  private final String fixLevelRule;

  RowGrouping(String systems, String platformRule, String stackRule, String fixLevelRule) {
    this.systems = systems;
    this.platformRule = platformRule;
    this.stackRule = stackRule;
    this.fixLevelRule = fixLevelRule;
  }

  public String systems() {
    return systems;
  }

  public String platformRule() {
    return platformRule;
  }

  public String stackRule() {
    return stackRule;
  }

  public String fixLevelRule() {
    return fixLevelRule;
  }

  /** The rule for an OS family as reports name it ({@code os2}, {@code linux}, ...). */
  public static RowGrouping forFamily(String osFamily) {
    if ("os2".equals(osFamily)) {
      return OS2;
    }
    return "linux".equals(osFamily) ? LINUX : OTHER;
  }

  /** The stack version the row shows: the kernel series on Linux, the version elsewhere. */
  String stackVersion(String version) {
    if (this != LINUX || version == null) {
      return RolledReport.nz(version);
    }
    Matcher m = KERNEL_SERIES.matcher(version.strip());
    return m.matches() ? m.group(1) + "." + m.group(2) : version.strip();
  }

  /**
   * The fix level as canonical entries: for OS/2 {@code csd:<level>} (when known) and {@link
   * #NEWSTACK} (when in); nothing elsewhere.
   *
   * @param stackLevel the stack's raw service level, e.g. {@code UN02200}
   * @param fixes the report's fixes as {@code kind:id[=version]} entries
   */
  List<String> fixLevel(String stackLevel, List<String> fixes) {
    if (this != OS2) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    String csd = csdLevel(stackLevel, fixes);
    if (csd != null) {
      out.add("csd:" + csd);
    }
    for (String f : fixes) {
      if (f.regionMatches(true, 0, "newstack:", 0, "newstack:".length())) {
        out.add(NEWSTACK);
        break;
      }
    }
    return out;
  }

  /** The stack's CSD level: its own service level, else the newest TCP/IP CSD among the fixes. */
  private static String csdLevel(String stackLevel, List<String> fixes) {
    if (stackLevel != null
        && TCPIP_CSD.matcher(stackLevel.strip().toUpperCase(Locale.ROOT)).matches()) {
      return stackLevel.strip().toUpperCase(Locale.ROOT);
    }
    String best = null;
    int bestNumber = -1;
    for (String f : fixes) {
      if (!f.regionMatches(true, 0, "csd:", 0, 4)) {
        continue;
      }
      String id = f.substring(4);
      int eq = id.indexOf('=');
      id = (eq < 0 ? id : id.substring(0, eq)).toUpperCase(Locale.ROOT);
      Matcher m = TCPIP_CSD.matcher(id);
      if (m.matches() && Integer.parseInt(m.group(1)) > bestNumber) {
        bestNumber = Integer.parseInt(m.group(1));
        best = id;
      }
    }
    return best;
  }

  /** The fix level in words, e.g. {@code UN02200 + NEWSTACK}; empty where rows have none. */
  String fixLevelLabel(List<String> fixLevel) {
    if (this != OS2) {
      return "";
    }
    String csd = null;
    boolean newstack = false;
    for (String f : fixLevel) {
      if (f.equals(NEWSTACK)) {
        newstack = true;
      } else if (f.startsWith("csd:")) {
        csd = f.substring(4);
      }
    }
    return (csd == null ? "CSD level not known" : csd)
        + (newstack ? " + NEWSTACK" : ", no NEWSTACK");
  }
}
