package org.shimwatch.web.home;

import java.security.Principal;
import java.util.List;
import org.shimwatch.web.cache.PublicCache;
import org.shimwatch.web.matrix.MatrixFilters;
import org.shimwatch.web.matrix.MatrixPages;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The landing page. With one project it is that project's compatibility matrix, with a short
 * introduction; with several it lets the visitor pick a project's matrix.
 */
@Controller
class HomeController {

  private final ProjectsQuery projects;
  private final MatrixPages matrix;
  private final PublicCache cache;

  HomeController(ProjectsQuery projects, MatrixPages matrix, PublicCache cache) {
    this.projects = projects;
    this.matrix = matrix;
    this.cache = cache;
  }

  @GetMapping("/")
  String home(
      Principal principal,
      ServletWebRequest web,
      jakarta.servlet.http.HttpServletResponse response,
      Model model) {
    PublicCache.Check check = cache.home(web, principal);
    if (check.answered()) {
      return null;
    }
    List<String> slugs = projects.projectSlugs();
    if (slugs.size() == 1
        && matrix.fill(model, slugs.get(0), MatrixFilters.none(), principal != null)) {
      model.addAttribute("home", true);
      check.apply();
      return MatrixPages.VIEW;
    }
    model.addAttribute("projects", slugs);
    check.apply();
    return "home/home";
  }
}
