package org.shimwatch.web.overview;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every dashboard page shares: which project it shows (the {@code project} parameter, or the
 * first project), the project picker, and a page rather than a stack trace for bad input.
 */
public abstract class MaintainerPage {

  /** Where a refused request's page is. */
  public static final String PROBLEM_VIEW = "maintainer/overview/problem";

  private final ProjectsQuery projects;

  protected MaintainerPage(ProjectsQuery projects) {
    this.projects = projects;
  }

  /**
   * The project to show, put in the model with the list for the picker.
   *
   * @throws PageProblem 404 when the named project does not exist or there is none
   * @throws BadQueryException when the name is malformed
   */
  protected String project(String requested, Model model) {
    List<String> slugs = projects.projectSlugs();
    String slug;
    if (requested == null || requested.isBlank()) {
      if (slugs.isEmpty()) {
        throw new PageProblem(404, "There is no project yet.");
      }
      slug = slugs.get(0);
    } else {
      slug = requested.strip();
      if (slug.length() > 64) {
        throw new BadQueryException("invalid-project", "project", "project names are short");
      }
      if (!slugs.contains(slug)) {
        throw PageProblem.noProject();
      }
    }
    model.addAttribute("project", slug);
    model.addAttribute("projects", slugs);
    return slug;
  }

  @ExceptionHandler(BadQueryException.class)
  ModelAndView badQuery(
      BadQueryException e, HttpServletRequest request, HttpServletResponse response) {
    return problem(400, e.getMessage(), request, response);
  }

  @ExceptionHandler(PageProblem.class)
  ModelAndView pageProblem(
      PageProblem e, HttpServletRequest request, HttpServletResponse response) {
    return problem(e.status(), e.getMessage(), request, response);
  }

  private static ModelAndView problem(
      int status, String message, HttpServletRequest request, HttpServletResponse response) {
    response.setStatus(status);
    ModelAndView mv = new ModelAndView(PROBLEM_VIEW);
    mv.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
    mv.addObject("status", status);
    mv.addObject("message", message);
    // Exception handlers skip the model advice, so the layout is told here.
    mv.addObject("signedIn", request.getUserPrincipal() != null);
    return mv;
  }
}
