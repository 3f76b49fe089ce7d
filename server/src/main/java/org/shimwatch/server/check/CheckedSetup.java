package org.shimwatch.server.check;

import java.util.List;
import org.shimwatch.report.Environment;
import org.shimwatch.server.matrix.RowGroup;

/**
 * A visitor's setup as read from what they gave: the environment, its matrix row, and what the
 * artefact readers said. Lives only for the request; nothing of it is stored.
 *
 * @param environment the environment read (client may be {@code null})
 * @param group the matrix row it falls in
 * @param fixes every fix, as {@code kind:id[=version]}
 * @param understood what was read, in plain lines
 * @param unread parts of the paste that could not be read, and why
 * @param installMode the shim's install mode, or {@code null} when nothing tells
 * @param installNotes what the readers concluded about the install layout
 */
public record CheckedSetup(
    Environment environment,
    RowGroup group,
    List<String> fixes,
    List<String> understood,
    List<String> unread,
    Environment.InstallMode installMode,
    List<String> installNotes) {

  public CheckedSetup {
    fixes = List.copyOf(fixes);
    understood = List.copyOf(understood);
    unread = List.copyOf(unread);
    installNotes = List.copyOf(installNotes);
  }
}
