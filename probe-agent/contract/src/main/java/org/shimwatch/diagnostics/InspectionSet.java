package org.shimwatch.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

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

  /**
   * A short plain-text summary: each input's, then, when there are several, what they add up to
   * together.
   */
  public String summaryText() {
    StringBuilder s = new StringBuilder();
    for (Inspection i : inspections) {
      s.append(i.summaryText());
    }
    if (inspections.size() > 1) {
      s.append("all ")
          .append(inspections.size())
          .append(" inputs together (")
          .append(inspections.stream().map(Inspection::name).collect(Collectors.joining(", ")))
          .append("):\n");
      for (String line : combined.summary()) {
        s.append("    ").append(line).append('\n');
      }
    }
    return s.toString();
  }
}
