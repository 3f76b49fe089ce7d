package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * Where files are, from a {@code dir} listing ({@code Directory of ...} blocks) or a list of paths
 * ({@code dir /s /b}). Only the files Shimwatch looks for are kept: the shim's {@code _SOCKET.PYD}
 * and {@code SELECT.PYD}, Python's DLL, and the stack's TCPIP32.DLL and drivers. Other names can be
 * personal and are only counted.
 *
 * @param files the files of interest, in the order listed
 * @param otherFiles how many other files the listing showed
 * @param notes what the parser noticed
 * @param otherModuleDates per directory, the dates of the other Python modules ({@code .PYD}) it
 *     lists, as written: a stock EMX Python's modules share their build date, so the shim's copies
 *     in {@code lib-dynload} stand out by theirs. Names are not kept.
 */
public record FileListing(
    List<ListedFile> files,
    int otherFiles,
    List<Note> notes,
    Map<String, List<String>> otherModuleDates)
    implements Artefact {

  public FileListing {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
    Map<String, List<String>> dates = new LinkedHashMap<>();
    if (otherModuleDates != null) {
      otherModuleDates.forEach((d, l) -> dates.put(d, List.copyOf(l)));
    }
    otherModuleDates = Collections.unmodifiableMap(dates);
  }

  /** A listing without other modules' dates (a list of paths). */
  public FileListing(List<ListedFile> files, int otherFiles, List<Note> notes) {
    this(files, otherFiles, notes, Map.of());
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.FILE_LISTING;
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    for (ListedFile f : files) {
      out.add(f.fileName() + " in " + (f.directory() != null ? f.directory() : "(no directory)"));
    }
    if (otherFiles > 0) {
      out.add(otherFiles + " other file(s) not kept");
    }
    return out;
  }
}
