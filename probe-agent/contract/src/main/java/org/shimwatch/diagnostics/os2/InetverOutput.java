package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * The output of the TCP/IP {@code inetver} command. No published sample of it has been verified, so
 * the raw text is kept and versions are extracted leniently.
 *
 * @param rawText the text as given, with directories taken out of prompts and paths
 * @param inetVersion a version given on an "Inet Version" line, when there is one
 * @param components stack files and their versions, e.g. {@code SOCKETS.SYS 6.3004}
 * @param notes what the parser noticed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InetverOutput(
    String rawText, String inetVersion, List<ComponentVersion> components, List<Note> notes)
    implements Artefact {

  public InetverOutput {
    components = List.copyOf(components);
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.INETVER_OUTPUT;
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    if (inetVersion != null) {
      out.add("Inet version " + inetVersion);
    }
    for (ComponentVersion c : components) {
      out.add(c.name() + " " + c.version());
    }
    return out;
  }
}
