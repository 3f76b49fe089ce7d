package org.shimwatch.web.advice;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.shimwatch.web.matrix.CellDetail;
import org.shimwatch.web.matrix.MatrixView;

/** Reads advice entries for the pages; the server implements it. */
public interface AdviceQuery {

  /**
   * A project's entries, newest change first.
   *
   * @return empty when there is no such project
   */
  Optional<List<AdviceView>> all(String project);

  /** One entry, empty when the project or entry does not exist. */
  Optional<AdviceView> one(String project, long id);

  /**
   * The entries that apply to a matrix cell: its stack, fixes and shim version (when the cell has
   * one), and the trap groups seen on its stack. Parts a cell does not know (the install mode, a
   * shim version across several) do not keep an entry away; the entry lists them as its conditions.
   */
  List<AdviceView> forCell(CellDetail cell);

  /**
   * Which cells of a matrix view have advice, as {@code rowKey + "|" + columnKey}.
   *
   * @param shim the view's shim filter, or {@code null}
   */
  Set<String> cellsWithAdvice(MatrixView view, String shim);

  /** The entries attached to a trap group. */
  List<AdviceView> forTrapGroup(String project, long trapGroupId);
}
