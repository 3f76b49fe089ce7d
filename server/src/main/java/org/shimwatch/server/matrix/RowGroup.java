package org.shimwatch.server.matrix;

import java.util.List;
import org.shimwatch.report.Environment;
import org.shimwatch.server.rollup.KeyHash;
import org.shimwatch.server.rollup.RolledReport;

/**
 * A matrix row: platform, stack version and fix level, as {@link RowGrouping} derives them from a
 * report. Reports with different full fix sets share a row when these agree.
 *
 * @param osFamily e.g. {@code os2}
 * @param osName e.g. {@code eComStation}, empty when not known
 * @param osVersion e.g. {@code 1.1}
 * @param stackName e.g. {@code os2-tcpip}
 * @param stackVersion the grouped stack version, e.g. {@code 4.3}, or the kernel series {@code 6.1}
 * @param fixLevel the fix level's canonical entries, e.g. {@code [csd:UN02200, newstack:NEWSTACK]}
 */
public record RowGroup(
    String osFamily,
    String osName,
    String osVersion,
    String stackName,
    String stackVersion,
    List<String> fixLevel) {

  public RowGroup {
    fixLevel = List.copyOf(fixLevel);
  }

  /** The row of a report's normalized columns. */
  public static RowGroup of(
      String osFamily,
      String osName,
      String osVersion,
      String stackName,
      String stackVersion,
      String stackLevel,
      String fixesKey) {
    RowGrouping g = RowGrouping.forFamily(osFamily);
    return new RowGroup(
        RolledReport.nz(osFamily),
        RolledReport.nz(osName),
        RolledReport.nz(osVersion),
        RolledReport.nz(stackName),
        g.stackVersion(stackVersion),
        g.fixLevel(stackLevel, fixes(fixesKey)));
  }

  /** The row of a rolled-up report. */
  public static RowGroup of(RolledReport r) {
    return of(
        r.osFamily(),
        r.osName(),
        r.osVersion(),
        r.stackName(),
        r.stackVersion(),
        r.stackLevel(),
        r.fixesKey());
  }

  /** The row an environment (say one a visitor describes) falls in. */
  public static RowGroup of(Environment env) {
    Environment.Os os = env.os();
    Environment.Stack stack = env.stack();
    return of(
        os == null ? "other" : os.family(),
        os == null ? null : os.name(),
        os == null ? null : os.version(),
        stack == null ? null : stack.name(),
        stack == null ? null : stack.version(),
        stack == null ? null : stack.level(),
        String.join(",", fixEntries(env.fixes())));
  }

  /** Fixes as sorted, distinct {@code kind:id[=version]} entries, as report rows keep them. */
  public static List<String> fixEntries(List<Environment.Fix> fixes) {
    if (fixes == null) {
      return List.of();
    }
    return fixes.stream()
        .map(f -> f.kind() + ":" + f.id() + (f.version() == null ? "" : "=" + f.version()))
        .distinct()
        .sorted()
        .toList();
  }

  /** A fixes key split into its entries. */
  public static List<String> fixes(String fixesKey) {
    return fixesKey == null || fixesKey.isEmpty() ? List.of() : List.of(fixesKey.split(","));
  }

  /** The stable key of the row (the same after a rebuild). */
  public String key() {
    return KeyHash.of(osFamily, osName, osVersion, stackName, stackVersion, fixLevelKey());
  }

  /** The fix level as one string, as {@code matrix_row.fix_level} keeps it. */
  public String fixLevelKey() {
    return String.join(",", fixLevel);
  }

  /** A row from its stored columns. */
  static RowGroup stored(
      String osFamily,
      String osName,
      String osVersion,
      String stackName,
      String stackVersion,
      String fixLevelKey) {
    return new RowGroup(osFamily, osName, osVersion, stackName, stackVersion, fixes(fixLevelKey));
  }

  public RowGrouping grouping() {
    return RowGrouping.forFamily(osFamily);
  }

  public String platformLabel() {
    return RolledReport.label(osName, osVersion, osFamily);
  }

  public String stackLabel() {
    return RolledReport.label(stackName, stackVersion, "unknown stack");
  }

  /** The fix level in words, e.g. {@code UN02200 + NEWSTACK}; empty where rows have none. */
  public String fixLevelLabel() {
    return grouping().fixLevelLabel(fixLevel);
  }

  /** The CSD level of an OS/2 row, or {@code null}. */
  public String csdLevel() {
    for (String f : fixLevel) {
      if (f.startsWith("csd:")) {
        return f.substring(4);
      }
    }
    return null;
  }

  /** Whether an OS/2 row has NEWSTACK in. */
  public boolean newstack() {
    return fixLevel.contains(RowGrouping.NEWSTACK);
  }

  /** Entries of both rows' fix levels that differ: 0 for the same fix level. */
  public int fixLevelDistance(RowGroup o) {
    int d = 0;
    String a = csdLevel();
    String b = o.csdLevel();
    if (a == null ? b != null : !a.equals(b)) {
      d++;
    }
    if (newstack() != o.newstack()) {
      d++;
    }
    return d;
  }
}
