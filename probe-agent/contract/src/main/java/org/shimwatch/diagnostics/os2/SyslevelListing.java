package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * The output of the OS/2 {@code syslevel} command: one entry per SYSLEVEL file found.
 *
 * @param entries the entries, in the order shown
 * @param notes what the parser noticed
 */
public record SyslevelListing(List<SyslevelEntry> entries, List<Note> notes) implements Artefact {

  public SyslevelListing {
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.SYSLEVEL_OUTPUT;
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    for (SyslevelEntry e : entries) {
      out.add(e.describe());
    }
    return out;
  }
}
