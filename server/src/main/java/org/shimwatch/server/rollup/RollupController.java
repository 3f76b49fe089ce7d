package org.shimwatch.server.rollup;

import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.web.NotFound;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Maintainer API: rebuild a project's rollups from its stored reports, after changing the trap skip
 * lists or to check the rollups (a rebuild of a consistent project changes nothing).
 */
@RestController
class RollupController {

  private final ProjectService projects;
  private final RollupRebuild rebuild;

  RollupController(ProjectService projects, RollupRebuild rebuild) {
    this.projects = projects;
    this.rebuild = rebuild;
  }

  /**
   * What a rebuild did.
   *
   * @param project the project
   * @param reports reports read
   * @param resignedTraps traps whose group changed
   * @param millis how long it took
   */
  record Rebuilt(String project, long reports, long resignedTraps, long millis) {}

  @PostMapping("/api/v1/admin/projects/{project}/rollups/rebuild")
  Rebuilt rebuild(@PathVariable String project) {
    Project p =
        projects
            .find(project)
            .orElseThrow(() -> new NotFound("project-not-found", "there is no such project"));
    RollupRebuild.Result r = rebuild.rebuild(p.getId());
    return new Rebuilt(p.getSlug(), r.reports(), r.resignedTraps(), r.took().toMillis());
  }
}
