package org.shimwatch.web.matrix;

import java.util.Optional;

/** The compatibility matrix of a project. */
public interface MatrixQuery {

  /**
   * The matrix, read from rollups kept up to date at ingest: its cost grows with the number of
   * cells, not reports.
   *
   * @return empty when there is no such project
   * @throws org.shimwatch.web.BadQueryException when a filter is malformed
   */
  Optional<MatrixView> matrix(String project, MatrixRequest request);
}
