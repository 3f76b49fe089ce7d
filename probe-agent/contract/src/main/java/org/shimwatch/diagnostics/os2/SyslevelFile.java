package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * A binary SYSLEVEL file, as {@link SyslevelFileParser} read it.
 *
 * @param entry what the file says: title, version, component id, type and CSD levels
 * @param systemId the system id field of the table
 * @param edition the edition field of the table
 * @param refreshLevel the refresh level (shown as a third version part when not zero)
 * @param tableOffset where the table starts (normally 0x25)
 * @param typeAtFallbackOffset whether the type was found at table + 0x72 instead of + 0x71
 * @param size the file's size in bytes
 * @param notes what the parser noticed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyslevelFile(
    SyslevelEntry entry,
    int systemId,
    int edition,
    int refreshLevel,
    long tableOffset,
    boolean typeAtFallbackOffset,
    int size,
    List<Note> notes)
    implements Artefact {

  public SyslevelFile {
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.SYSLEVEL_FILE;
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    out.add(entry.describe());
    if (tableOffset != SyslevelFileParser.USUAL_TABLE_OFFSET) {
      out.add(String.format("table at offset 0x%x (usually 0x25)", tableOffset));
    }
    return out;
  }
}
