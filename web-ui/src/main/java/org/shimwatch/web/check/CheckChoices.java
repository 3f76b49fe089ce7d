package org.shimwatch.web.check;

import java.util.List;

/**
 * What the check page offers to pick from.
 *
 * @param platforms platforms with reports, as the matrix names them
 * @param stacks stacks with reports, as the matrix names them
 */
public record CheckChoices(List<String> platforms, List<String> stacks) {

  public CheckChoices {
    platforms = List.copyOf(platforms);
    stacks = List.copyOf(stacks);
  }
}
