package org.shimwatch.web.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A matrix row: one platform, stack and set of fixes.
 *
 * @param key stable key of the row (the same after a rebuild)
 * @param osFamily e.g. {@code os2}, {@code linux}
 * @param platform OS name and version, e.g. {@code eComStation 1.1}
 * @param stack stack name and version, e.g. {@code os2-tcpip 4.3}
 * @param fixes the fixes, sorted, as {@code kind:id[=version]}
 * @param shimInactiveReports reports of this row whose shim was not active (installed after
 *     lib-dynload, or absent): never counted in the cells; {@code null} for the public
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixRow(
    String key,
    String osFamily,
    String platform,
    String stack,
    List<String> fixes,
    Long shimInactiveReports) {

  public MatrixRow {
    fixes = List.copyOf(fixes);
  }
}
