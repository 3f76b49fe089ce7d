package org.shimwatch.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a parser's {@link Note}s, keeping at most {@link #MAX} so that a long file full of
 * unknown lines cannot make a result larger than its input.
 */
public final class Notes {

  /** Notes kept per artefact; a user reads a handful, not thousands. */
  public static final int MAX = 20;

  private final List<Note> notes = new ArrayList<>();
  private int dropped;

  /** Notes a problem at a 1-based line. */
  public void at(int line, String text) {
    add(new Note(line, text));
  }

  /** Notes a problem with the input as a whole. */
  public void whole(String text) {
    add(new Note(null, text));
  }

  private void add(Note note) {
    if (notes.size() < MAX) {
      notes.add(note);
    } else {
      dropped++;
    }
  }

  /** The notes, with a last one counting those left out. */
  public List<Note> list() {
    if (dropped == 0) {
      return List.copyOf(notes);
    }
    List<Note> out = new ArrayList<>(notes);
    out.add(new Note(null, dropped + " more notes left out"));
    return List.copyOf(out);
  }
}
