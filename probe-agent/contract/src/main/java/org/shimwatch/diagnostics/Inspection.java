package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ArtefactInspector} understood from one input (a file, or text a user pasted): the
 * artefacts in it and what they add up to. This is what {@code shimwatch inspect FILE} prints and
 * what the server shows for pasted text.
 *
 * @param name the input's file name (without directory), or {@code -} for pasted text
 * @param parts the artefacts found, in order
 * @param combined the parts folded together: environment, traps and findings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Inspection(String name, List<InspectedPart> parts, FoldedDiagnostics combined) {

  public Inspection {
    parts = List.copyOf(parts);
  }

  /** The artefacts that were read, in order. */
  public List<Artefact> artefacts() {
    List<Artefact> out = new ArrayList<>();
    for (InspectedPart p : parts) {
      if (p.artefact() != null) {
        out.add(p.artefact());
      }
    }
    return out;
  }

  /** The problems of the parts that could not be read. */
  public List<ParseProblem> problems() {
    List<ParseProblem> out = new ArrayList<>();
    for (InspectedPart p : parts) {
      if (p.problem() != null) {
        out.add(p.problem());
      }
    }
    return out;
  }

  /** A short plain-text summary: one block per part, then what they add up to. */
  public String summaryText() {
    StringBuilder s = new StringBuilder();
    s.append(name).append(": ");
    s.append(parts.size()).append(parts.size() == 1 ? " part" : " parts").append('\n');
    for (InspectedPart p : parts) {
      s.append("  ").append(p.kind().title());
      if (p.firstLine() != null) {
        s.append(" (lines ").append(p.firstLine()).append('-').append(p.lastLine()).append(')');
      }
      s.append('\n');
      for (String line : p.summary()) {
        s.append("    ").append(line).append('\n');
      }
    }
    List<String> combinedLines = combined.summary();
    if (!combinedLines.isEmpty()) {
      s.append("  understood:\n");
      for (String line : combinedLines) {
        s.append("    ").append(line).append('\n');
      }
    }
    return s.toString();
  }
}
