package org.shimwatch.web.matrix;

/**
 * Which cell a drill-down shows, named by stable keys rather than by position (positions change
 * with the filters). The filters that shape the cell's content come along: with client columns a
 * shim filter narrows the cell to one shim version, with shim columns a client filter narrows it to
 * one client.
 *
 * @param row the row's key ({@link MatrixRow#key()})
 * @param columns what the columns are
 * @param column the column's key ({@link MatrixColumn#key()})
 * @param client the client filter of the matrix the cell was in, or {@code null}
 * @param clientVersion the client version filter, or {@code null}; only together with {@code
 *     client}
 * @param shim the shim version filter, or {@code null}
 * @param maintainer whether a signed-in maintainer asks (low-sample cells then show their counts)
 */
public record CellRequest(
    String row,
    MatrixColumns columns,
    String column,
    String client,
    String clientVersion,
    String shim,
    boolean maintainer) {}
