package org.shimwatch.web.check;

import java.util.Map;
import java.util.Optional;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.matrix.Tier;
import org.shimwatch.web.matrix.TierStyle;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Will it work on my setup?": a visitor pastes what their system says, or picks a platform, stack
 * and fixes, and sees the answer on the same page. Nothing they enter is stored. Picks alone can
 * also come as query parameters, so an answer can be linked to; a paste comes by POST (it is too
 * long for a link).
 */
@Controller
class CheckPageController {

  static final String VIEW = "check/check";

  private final CheckQuery checks;

  CheckPageController(CheckQuery checks) {
    this.checks = checks;
  }

  @GetMapping("/check/{project}")
  String page(@PathVariable String project, @ModelAttribute("form") CheckForm form, Model model) {
    form.setPasted(null);
    return answer(project, form, model);
  }

  @PostMapping("/check/{project}")
  String check(@PathVariable String project, @ModelAttribute("form") CheckForm form, Model model) {
    return answer(project, form, model);
  }

  private String answer(String project, CheckForm form, Model model) {
    CheckChoices choices =
        checks
            .choices(project)
            .orElseThrow(() -> new NotFound("project-not-found", "There is no such project."));
    model.addAttribute("project", project);
    model.addAttribute("choices", choices);
    model.addAttribute("tierStyles", tierStyles());
    if (form.isEmpty()) {
      return VIEW;
    }
    try {
      Optional<CheckAnswer> answer = checks.check(project, form.input());
      answer.ifPresent(a -> model.addAttribute("answer", a));
    } catch (BadQueryException e) {
      // The form stays as it was, with what to change: a page, not a problem document.
      model.addAttribute("problem", e.getMessage());
    }
    return VIEW;
  }

  /** Tier label to its style, for the chips. */
  static Map<String, TierStyle> tierStyles() {
    Map<String, TierStyle> out = new java.util.HashMap<>();
    for (Tier t : Tier.values()) {
      out.put(t.label(), TierStyle.of(t));
    }
    return out;
  }
}
