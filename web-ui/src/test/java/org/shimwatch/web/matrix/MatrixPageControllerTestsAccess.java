package org.shimwatch.web.matrix;

import java.util.List;

/** A cell's drill-down from the matrix page tests, for tests in other packages. */
public final class MatrixPageControllerTestsAccess {

  private MatrixPageControllerTestsAccess() {}

  /** A cell with its counts shown and no comments. */
  public static CellDetail detail() {
    return MatrixPageControllerTests.detail(true, List.of());
  }
}
