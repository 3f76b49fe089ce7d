package org.shimwatch.web.matrix;

import java.util.List;

/** The one table of how the matrix is built, from the rules the server applies. */
public interface MatrixRulesQuery {

  /** Every rule, tiers first, then what counts, the threshold, row grouping and the check. */
  List<MatrixRule> rules();
}
