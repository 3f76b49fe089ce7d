package org.shimwatch.web.home;

import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: the projects and where to go from here. */
@Controller
class HomeController {

  private final ProjectsQuery projects;

  HomeController(ProjectsQuery projects) {
    this.projects = projects;
  }

  @GetMapping("/")
  String home(Model model) {
    model.addAttribute("projects", projects.projectSlugs());
    return "home/home";
  }
}
