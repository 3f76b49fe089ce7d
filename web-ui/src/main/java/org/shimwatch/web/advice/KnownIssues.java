package org.shimwatch.web.advice;

import java.util.List;
import org.shimwatch.web.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriUtils;

/**
 * The public list of a project's known issues and workarounds: every advice entry with what it
 * applies to. Cells, the check answer and {@code shimwatch run} link to an entry here.
 */
@Controller
class KnownIssues {

  private final AdviceQuery advice;

  KnownIssues(AdviceQuery advice) {
    this.advice = advice;
  }

  /** The page of a project's known issues. */
  static String path(String project) {
    return "/known-issues/"
        + UriUtils.encodePathSegment(project, java.nio.charset.StandardCharsets.UTF_8);
  }

  @GetMapping("/known-issues/{project}")
  String page(@PathVariable String project, Model model) {
    List<AdviceView> all =
        advice
            .all(project)
            .orElseThrow(() -> new NotFound("project-not-found", "There is no such project."));
    model.addAttribute("project", project);
    model.addAttribute("entries", all);
    model.addAttribute(
        "matrixHref",
        "/matrix/" + UriUtils.encodePathSegment(project, java.nio.charset.StandardCharsets.UTF_8));
    return "advice/knownIssues";
  }
}
