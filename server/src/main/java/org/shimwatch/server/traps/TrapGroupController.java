package org.shimwatch.server.traps;

import java.util.List;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.traps.TrapGroupDetail;
import org.shimwatch.web.traps.TrapGroupView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maintainer API: trap groups, one group with examples, and its status. */
@RestController
@RequestMapping("/api/v1/admin/projects/{project}/trap-groups")
class TrapGroupController {

  private final TrapGroupService groups;

  TrapGroupController(TrapGroupService groups) {
    this.groups = groups;
  }

  /** A status change: {@code fixedIn} goes with {@code fixed} only. */
  record StatusChange(String status, String fixedIn) {}

  @GetMapping
  List<TrapGroupView> list(
      @PathVariable String project, @RequestParam(required = false) String status) {
    return groups
        .groups(project, TrapGroupService.statusFilter(status))
        .orElseThrow(TrapGroupController::noProject);
  }

  @GetMapping("/{id}")
  TrapGroupDetail one(@PathVariable String project, @PathVariable long id) {
    return groups.group(project, id).orElseThrow(TrapGroupController::noGroup);
  }

  @PutMapping("/{id}/status")
  TrapGroupDetail status(
      @PathVariable String project, @PathVariable long id, @RequestBody StatusChange change) {
    if (change == null || change.status() == null) {
      throw new ChangeRefused("invalid-status", "send {\"status\": ..., \"fixedIn\": ...}");
    }
    return groups
        .setStatus(project, id, change.status(), change.fixedIn())
        .orElseThrow(TrapGroupController::noGroup);
  }

  private static NotFound noProject() {
    return new NotFound("project-not-found", "there is no such project");
  }

  private static NotFound noGroup() {
    return new NotFound("trap-group-not-found", "there is no such project or trap group");
  }
}
