package org.shimwatch.web.traps;

import java.util.List;

/**
 * One trap group and the newest reports that carry it.
 *
 * @param group the group
 * @param examples up to ten reports, newest first
 */
public record TrapGroupDetail(TrapGroupView group, List<TrapExample> examples) {

  public TrapGroupDetail {
    examples = List.copyOf(examples);
  }
}
