package org.shimwatch.web.matrix;

import java.util.Optional;

/** What the matrix pages need beyond the matrix itself: filter choices and cell drill-downs. */
public interface MatrixPageQuery {

  /**
   * The filter values present in a project's matrix, read from the rollups (cost follows the number
   * of cells).
   *
   * @return empty when there is no such project
   */
  Optional<MatrixChoices> choices(String project);

  /**
   * One cell in detail, with the approved comments of its reports. Reads the cell's rollups and,
   * for the comments, an indexed lookup of the project's approved comments: the cost does not grow
   * with the project's reports.
   *
   * @return empty when there is no such project, row or column
   * @throws org.shimwatch.web.BadQueryException when a key or filter is malformed
   */
  Optional<CellDetail> cell(String project, CellRequest request);
}
