package org.shimwatch.server.admin;

import java.util.Optional;
import org.shimwatch.server.traps.TrapGroupService;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.admin.TrapGroupCommands;
import org.shimwatch.web.traps.TrapGroupDetail;
import org.shimwatch.web.traps.TrapStatus;
import org.springframework.stereotype.Component;

/**
 * Trap status changes from the pages, made by the same service method as the API's, so they take
 * the project's rollup lock the same way.
 */
@Component
class TrapStatusChanges implements TrapGroupCommands {

  private final TrapGroupService groups;

  TrapStatusChanges(TrapGroupService groups) {
    this.groups = groups;
  }

  @Override
  public Optional<TrapGroupDetail> setStatus(
      String project, long id, TrapStatus status, String fixedIn) {
    if (status == null) {
      throw new ChangeRefused("invalid-status", "Choose new, acknowledged or fixed.");
    }
    return groups.setStatus(project, id, status.wireName(), fixedIn);
  }
}
