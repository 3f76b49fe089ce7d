package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.List;
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
 */
public record FileListing(List<ListedFile> files, int otherFiles, List<Note> notes)
    implements Artefact {

  public FileListing {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
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
