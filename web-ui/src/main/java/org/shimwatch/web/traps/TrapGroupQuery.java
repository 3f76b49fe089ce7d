package org.shimwatch.web.traps;

import java.util.List;
import java.util.Optional;

/** The trap groups of a project. */
public interface TrapGroupQuery {

  /**
   * The groups that have traps, most traps first.
   *
   * @param status only groups with this status, or {@code null} for all
   * @return empty when there is no such project
   */
  Optional<List<TrapGroupView>> groups(String project, TrapStatus status);

  /**
   * One group with example reports.
   *
   * @return empty when there is no such project or group
   */
  Optional<TrapGroupDetail> group(String project, long id);
}
