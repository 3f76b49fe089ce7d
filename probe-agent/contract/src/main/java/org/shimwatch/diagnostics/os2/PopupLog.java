package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;
import org.shimwatch.report.Trap;

/**
 * Entries of POPUPLOG.OS2, where OS/2 logs a trapping program instead of showing a pop-up when
 * {@code SUPPRESSPOPUPS} is set.
 *
 * @param entries the entries, oldest first as the log appends them
 * @param notes what the parser noticed
 */
public record PopupLog(List<PopupLogEntry> entries, List<Note> notes) implements Artefact {

  /** Entries a summary lists: a summary is a few lines. */
  static final int SUMMARY_ENTRIES = 10;

  public PopupLog {
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.POPUPLOG;
  }

  @Override
  public List<Trap> traps() {
    return entries.stream().map(PopupLogEntry::trap).toList();
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    out.add(entries.size() + (entries.size() == 1 ? " entry" : " entries"));
    int shown = Math.min(entries.size(), SUMMARY_ENTRIES);
    if (shown < entries.size()) {
      out.add("(the last " + shown + " shown)");
    }
    for (PopupLogEntry e : entries.subList(entries.size() - shown, entries.size())) {
      out.add(e.describe());
    }
    return out;
  }
}
