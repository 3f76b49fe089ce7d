package org.shimwatch.web.overview;

import java.util.List;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.ui.Model;

/**
 * What every dashboard page shares: which project it shows (the {@code project} parameter, or the
 * first project) and the project picker.
 */
public abstract class MaintainerPage {

  private final ProjectsQuery projects;

  protected MaintainerPage(ProjectsQuery projects) {
    this.projects = projects;
  }

  /**
   * The project to show, put in the model with the list for the picker.
   *
   * @throws NotFound when the named project does not exist or there is none
   * @throws BadQueryException when the name is malformed
   */
  protected String project(String requested, Model model) {
    List<String> slugs = projects.maintainerSlugs();
    String slug;
    if (requested == null || requested.isBlank()) {
      if (slugs.isEmpty()) {
        throw new NotFound("project-not-found", "There is no project yet.");
      }
      slug = slugs.get(0);
    } else {
      slug = requested.strip();
      if (slug.length() > 64) {
        throw new BadQueryException("invalid-project", "project", "project names are short");
      }
      if (!slugs.contains(slug)) {
        throw noProject();
      }
    }
    model.addAttribute("project", slug);
    model.addAttribute("projects", slugs);
    return slug;
  }

  /** No project of this name. */
  protected static NotFound noProject() {
    return new NotFound("project-not-found", "There is no such project.");
  }
}
