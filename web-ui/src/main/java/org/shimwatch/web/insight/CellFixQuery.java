package org.shimwatch.web.insight;

import java.util.Optional;
import org.shimwatch.web.matrix.CellDetail;

/** Public fix correlation for a matrix cell's drill-down; the server implements it. */
public interface CellFixQuery {

  /**
   * The fixes of the cell's row compared within its OS family.
   *
   * @return empty when the row lists no fix, or the project or row does not exist
   */
  Optional<CellFixes> forCell(CellDetail cell);
}
