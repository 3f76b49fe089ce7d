package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One artefact found in an input: what kind it is, where it is, and either what its parser
 * understood or why it could not be read.
 *
 * @param kind the kind detected ({@code UNKNOWN} when none was)
 * @param firstLine the part's first line (1-based), or {@code null} for binary input
 * @param lastLine the part's last line, or {@code null} for binary input
 * @param artefact what the parser understood, or {@code null} when it could not read the part
 * @param problem why the part could not be read, or {@code null}
 * @param summary a few lines of plain text for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectedPart(
    ArtefactKind kind,
    Integer firstLine,
    Integer lastLine,
    Artefact artefact,
    ParseProblem problem,
    List<String> summary) {

  public InspectedPart {
    summary = List.copyOf(summary);
  }

  /** Whether the part was read. */
  @JsonIgnore
  public boolean isRead() {
    return artefact != null;
  }
}
