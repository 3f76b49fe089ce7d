package org.shimwatch.web.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A matrix row: one platform, stack version and fix level, the way a user describes their machine
 * (the rules page, {@code /matrix/rules}, says how each is read from a report). The full fix sets
 * are in the cells' drill-down.
 *
 * @param key stable key of the row (the same after a rebuild)
 * @param osFamily e.g. {@code os2}, {@code linux}
 * @param platform OS name and version, e.g. {@code eComStation 1.1}
 * @param stack stack name and version, e.g. {@code os2-tcpip 4.3}, or the kernel series {@code
 *     linux 6.1}
 * @param fixLevel the fix level in words, e.g. {@code UN02200 + NEWSTACK}; empty where rows have
 *     none (Linux)
 * @param fixes the fixes that make the fix level, as {@code kind:id}, e.g. {@code csd:UN02200}
 * @param shimInactiveReports reports of this row whose shim was not active (installed after
 *     lib-dynload, or absent): never counted in the cells; {@code null} for the public
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixRow(
    String key,
    String osFamily,
    String platform,
    String stack,
    String fixLevel,
    List<String> fixes,
    Long shimInactiveReports) {

  public MatrixRow {
    fixes = List.copyOf(fixes);
  }
}
