package org.shimwatch.web.check;

import java.util.Optional;

/**
 * "Will it work on my setup?": answers a visitor's description of their machine from the public
 * matrix, storing nothing. The server implements it with the artefact readers and the rollups.
 */
public interface CheckQuery {

  /**
   * The answer for a project, or empty when there is no such project.
   *
   * @throws org.shimwatch.web.BadQueryException when the question cannot be asked as it is (nothing
   *     to check, an unknown platform or stack, a paste over the limit, a malformed fix)
   */
  Optional<CheckAnswer> check(String project, CheckInput input);

  /** What the check page offers to pick from: the matrix's platforms and stacks. */
  Optional<CheckChoices> choices(String project);
}
