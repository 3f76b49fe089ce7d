package org.shimwatch.web.matrix;

import java.util.List;

/**
 * The filter values present in a project's matrix, for the filter form to offer. Each list is
 * sorted and without duplicates.
 *
 * @param platforms OS families and OS names with their version ({@code os2}, {@code eComStation
 *     1.1})
 * @param stacks stack names with their version, and stack versions ({@code os2-tcpip 4.3}, {@code
 *     4.3})
 * @param clients client names
 * @param clientVersions client versions
 * @param shims shim versions
 */
public record MatrixChoices(
    List<String> platforms,
    List<String> stacks,
    List<String> clients,
    List<String> clientVersions,
    List<String> shims) {

  public MatrixChoices {
    platforms = List.copyOf(platforms);
    stacks = List.copyOf(stacks);
    clients = List.copyOf(clients);
    clientVersions = List.copyOf(clientVersions);
    shims = List.copyOf(shims);
  }

  /** No choice to offer. */
  public static MatrixChoices none() {
    return new MatrixChoices(List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
