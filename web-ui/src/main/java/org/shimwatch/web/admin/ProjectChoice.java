package org.shimwatch.web.admin;

import java.util.List;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.ui.Model;

/**
 * The project a maintainer page is about: the one named by {@code ?project=}, else the first one.
 * Also puts what the project picker needs into the model.
 */
final class ProjectChoice {

  private ProjectChoice() {}

  /**
   * @throws NotFound when the named project does not exist, or there is no project at all
   */
  static String choose(ProjectsQuery projects, String requested, Model model) {
    List<String> slugs = projects.maintainerSlugs();
    String chosen;
    if (requested == null || requested.isBlank()) {
      if (slugs.isEmpty()) {
        throw new NotFound(
            "project-not-found", "There is no project yet; create one under Projects and keys.");
      }
      chosen = slugs.get(0);
    } else if (slugs.contains(requested)) {
      chosen = requested;
    } else {
      throw new NotFound("project-not-found", "There is no project named '" + requested + "'.");
    }
    model.addAttribute("project", chosen);
    model.addAttribute("projects", slugs);
    return chosen;
  }
}
