package org.shimwatch.server.project;

import java.util.List;
import org.shimwatch.server.maintainer.ProjectAccess;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Component;

/** The pages' view of the projects. */
@Component
class ProjectSlugs implements ProjectsQuery {

  private final ProjectService projects;

  private final ProjectAccess access;

  ProjectSlugs(ProjectService projects, ProjectAccess access) {
    this.projects = projects;
    this.access = access;
  }

  @Override
  public List<String> projectSlugs() {
    return projects.all().stream().map(Project::getSlug).toList();
  }

  @Override
  public List<String> maintainerSlugs() {
    return access.visible(projectSlugs());
  }
}
