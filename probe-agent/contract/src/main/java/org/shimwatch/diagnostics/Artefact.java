package org.shimwatch.diagnostics;

import java.util.List;
import org.shimwatch.report.Trap;

/**
 * What a parser understood from one artefact: a normalized record per kind (e.g. {@link
 * org.shimwatch.diagnostics.os2.PopupLog}). Every implementation is a record that serializes to
 * JSON through {@link org.shimwatch.report.ReportJson#mapper()}.
 */
public interface Artefact {

  /** The kind of artefact this is. */
  ArtefactKind kind();

  /** What the parser noticed but worked around, e.g. lines it skipped. */
  List<Note> notes();

  /** The traps this artefact records, in the contract's shape; empty for most kinds. */
  default List<Trap> traps() {
    return List.of();
  }

  /** A few lines of plain text saying what was understood, for people. */
  List<String> summary();
}
