package org.shimwatch.web.matrix;

/**
 * Which matrix to show. Filters are {@code null} when not set; they match case-insensitively.
 *
 * @param columns client versions or shim versions as columns
 * @param platform an OS family ({@code os2}), OS name ({@code eComStation}) or name and version
 *     ({@code eComStation 1.1})
 * @param stack a stack name ({@code os2-tcpip}), version ({@code 4.3}) or name and version
 * @param client a client name ({@code BitTorrent})
 * @param clientVersion a client version; only together with {@code client}
 * @param shim a shim version
 * @param maintainer whether a signed-in maintainer asks: cells with few installations then show
 *     their computed tier and counts, marked as a low sample
 */
public record MatrixRequest(
    MatrixColumns columns,
    String platform,
    String stack,
    String client,
    String clientVersion,
    String shim,
    boolean maintainer) {

  /** The whole matrix with client versions as columns, as the public sees it. */
  public static MatrixRequest publicDefault() {
    return new MatrixRequest(MatrixColumns.CLIENT, null, null, null, null, null, false);
  }
}
