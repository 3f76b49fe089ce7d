package org.shimwatch.server.project;

import java.util.List;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Component;

/** The pages' view of the projects. */
@Component
class ProjectSlugs implements ProjectsQuery {

  private final ProjectService projects;

  ProjectSlugs(ProjectService projects) {
    this.projects = projects;
  }

  @Override
  public List<String> projectSlugs() {
    return projects.all().stream().map(Project::getSlug).toList();
  }
}
