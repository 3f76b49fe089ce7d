package org.shimwatch.web.matrix;

import java.util.List;

/**
 * A compatibility matrix: rows are platform + stack + fixes, columns are client versions or shim
 * versions, and cells refer to both by index.
 *
 * @param project the project's slug
 * @param columnsBy what the columns are
 * @param minInstallations the threshold below which the public sees {@code not enough data}
 * @param maintainerView whether low-sample cells show their computed tier
 * @param rows the rows that have cells in this view (for maintainers also rows with inactive-shim
 *     reports only)
 * @param columns the columns that have cells in this view
 * @param cells the cells
 */
public record MatrixView(
    String project,
    MatrixColumns columnsBy,
    int minInstallations,
    boolean maintainerView,
    List<MatrixRow> rows,
    List<MatrixColumn> columns,
    List<MatrixCell> cells) {

  public MatrixView {
    rows = List.copyOf(rows);
    columns = List.copyOf(columns);
    cells = List.copyOf(cells);
  }
}
