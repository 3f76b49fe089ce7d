package org.shimwatch.web.advice;

import java.util.Optional;
import org.shimwatch.web.ChangeRefused;

/** What a maintainer changes about advice entries; the server implements it. */
public interface AdviceCommands {

  /**
   * Stores a new entry.
   *
   * @param by the maintainer
   * @return its id, or empty when there is no such project
   * @throws ChangeRefused when the trap group named is not one of the project's; nothing is stored
   */
  Optional<Long> create(String project, AdviceDraft draft, String by);

  /**
   * Replaces an entry's text and what it applies to.
   *
   * @return whether there was such an entry
   * @throws ChangeRefused when the trap group named is not one of the project's; nothing is changed
   */
  boolean update(String project, long id, AdviceDraft draft, String by);

  /** Deletes an entry; whether there was one. */
  boolean delete(String project, long id);
}
