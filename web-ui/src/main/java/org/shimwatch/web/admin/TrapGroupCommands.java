package org.shimwatch.web.admin;

import java.util.Optional;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.traps.TrapGroupDetail;
import org.shimwatch.web.traps.TrapStatus;

/** What a maintainer changes about a trap group; the server implements it. */
public interface TrapGroupCommands {

  /**
   * Sets a group's status. {@code regressed} is the server's to set, never a maintainer's.
   *
   * @param fixedIn the shim version that fixes the fault; only with {@link TrapStatus#FIXED}
   * @return the group as it now stands, or empty when there is no such project or group
   * @throws ChangeRefused when the status or version cannot be used; nothing is changed
   */
  Optional<TrapGroupDetail> setStatus(String project, long id, TrapStatus status, String fixedIn);
}
