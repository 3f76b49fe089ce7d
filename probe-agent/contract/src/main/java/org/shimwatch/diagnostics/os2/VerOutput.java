package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * The output of {@code ver} or {@code ver /r}.
 *
 * @param rawText the text as given, with directories taken out of prompts and paths
 * @param version the OS/2 version, e.g. {@code 4.50}
 * @param revision the kernel revision {@code ver /r} adds, e.g. {@code 14.097_UNI}
 * @param notes what the parser noticed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerOutput(String rawText, String version, String revision, List<Note> notes)
    implements Artefact {

  public VerOutput {
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.VER_OUTPUT;
  }

  @Override
  public List<String> summary() {
    return List.of(
        "OS/2 version "
            + (version != null ? version : "not shown")
            + (revision != null ? ", revision " + revision : ""));
  }
}
