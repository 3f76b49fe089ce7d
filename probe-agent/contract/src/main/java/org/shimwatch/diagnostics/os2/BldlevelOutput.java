package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * The output of one or more {@code BLDLEVEL} runs.
 *
 * @param rawText the text as given, with directories taken out of prompts and paths
 * @param modules the build levels shown, in order
 * @param notes what the parser noticed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BldlevelOutput(String rawText, List<BuildLevel> modules, List<Note> notes)
    implements Artefact {

  public BldlevelOutput {
    modules = List.copyOf(modules);
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.BLDLEVEL_OUTPUT;
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    for (BuildLevel b : modules) {
      StringBuilder s = new StringBuilder();
      s.append(b.fileName() != null ? b.fileName() : "(file not named)");
      if (b.vendor() != null) {
        s.append(' ').append(b.vendor());
      }
      if (b.version() != null) {
        s.append(' ').append(b.version());
      }
      if (b.description() != null) {
        s.append(": ").append(b.description());
      }
      out.add(s.toString());
    }
    return out;
  }
}
