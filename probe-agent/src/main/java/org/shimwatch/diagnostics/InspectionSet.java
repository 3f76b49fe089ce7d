package org.shimwatch.diagnostics;

import java.util.List;

/**
 * What {@link ArtefactInspector#inspectAll} understood from several inputs, each on its own and all
 * together (a user gives {@code syslevel} output, CONFIG.SYS and POPUPLOG.OS2 as three files).
 *
 * @param inspections one per input, in order
 * @param combined every artefact of every input folded together
 */
public record InspectionSet(List<Inspection> inspections, FoldedDiagnostics combined) {

  public InspectionSet {
    inspections = List.copyOf(inspections);
  }
}
