package org.shimwatch.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.advice.AdviceCommands;
import org.shimwatch.web.advice.AdviceForm;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.advice.AdviceView;
import org.shimwatch.web.advice.AppliesTo;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Known issues and workarounds for maintainers: the project's advice entries, and a form to write,
 * change or delete one. A form with a bad field comes back with the field's message and nothing
 * stored.
 */
@Controller
@RequestMapping("/maintainer/advice")
class AdvicePagesController {

  private static final String LIST = "maintainer/advice/adviceList";
  private static final String FORM = "maintainer/advice/adviceForm";

  private final ProjectsQuery projects;
  private final AdviceQuery advice;
  private final AdviceCommands commands;

  AdvicePagesController(ProjectsQuery projects, AdviceQuery advice, AdviceCommands commands) {
    this.projects = projects;
    this.advice = advice;
    this.commands = commands;
  }

  @GetMapping
  String list(@RequestParam(required = false) String project, Model model) {
    String p = ProjectChoice.choose(projects, project, model);
    List<AdviceView> all =
        advice
            .all(p)
            .orElseThrow(() -> new NotFound("project-not-found", "There is no such project."));
    model.addAttribute("entries", all);
    return LIST;
  }

  @GetMapping("/new")
  String blank(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) Long trapGroup,
      Model model) {
    String p = ProjectChoice.choose(projects, project, model);
    return form(
        model,
        p,
        null,
        trapGroup == null ? AdviceForm.blank() : AdviceForm.forTrapGroup(trapGroup),
        Map.of(),
        null);
  }

  @PostMapping
  Object create(
      @RequestParam(required = false) String project,
      @ModelAttribute AdviceForm form,
      Principal principal,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    String p = ProjectChoice.choose(projects, project, model);
    AdviceForm.Checked checked = form.check();
    if (checked.ok()) {
      try {
        Optional<Long> id = commands.create(p, checked.draft(), principal.getName());
        if (id.isEmpty()) {
          throw new NotFound("project-not-found", "There is no such project.");
        }
        redirect.addFlashAttribute(
            "notice", "Advice \u201c" + checked.draft().title() + "\u201d saved.");
        return SeeOther.to("/maintainer/advice", Map.of("project", p));
      } catch (ChangeRefused e) {
        return refused(model, p, null, form, Map.of(), e.getMessage(), response);
      }
    }
    return refused(model, p, null, form, checked.errors(), null, response);
  }

  @GetMapping("/{id}")
  String edit(@PathVariable long id, @RequestParam(required = false) String project, Model model) {
    String p = ProjectChoice.choose(projects, project, model);
    AdviceView a = find(p, id);
    return form(model, p, a, AdviceForm.of(a), Map.of(), null);
  }

  @PostMapping("/{id}")
  Object update(
      @PathVariable long id,
      @RequestParam(required = false) String project,
      @ModelAttribute AdviceForm form,
      Principal principal,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    String p = ProjectChoice.choose(projects, project, model);
    AdviceView a = find(p, id);
    AdviceForm.Checked checked = form.check();
    if (checked.ok()) {
      try {
        if (!commands.update(p, id, checked.draft(), principal.getName())) {
          throw notFound(p, id);
        }
        redirect.addFlashAttribute(
            "notice", "Advice \u201c" + checked.draft().title() + "\u201d saved.");
        return SeeOther.to("/maintainer/advice", Map.of("project", p));
      } catch (ChangeRefused e) {
        return refused(model, p, a, form, Map.of(), e.getMessage(), response);
      }
    }
    return refused(model, p, a, form, checked.errors(), null, response);
  }

  @PostMapping("/{id}/delete")
  Object delete(
      @PathVariable long id,
      @RequestParam(required = false) String project,
      Model model,
      RedirectAttributes redirect) {
    String p = ProjectChoice.choose(projects, project, model);
    AdviceView a = find(p, id);
    if (!commands.delete(p, id)) {
      throw notFound(p, id);
    }
    redirect.addFlashAttribute("notice", "Advice \u201c" + a.title() + "\u201d deleted.");
    return SeeOther.to("/maintainer/advice", Map.of("project", p));
  }

  private AdviceView find(String project, long id) {
    return advice.one(project, id).orElseThrow(() -> notFound(project, id));
  }

  private static NotFound notFound(String project, long id) {
    return new NotFound(
        "advice-not-found", "Project '" + project + "' has no advice entry " + id + ".");
  }

  private String refused(
      Model model,
      String project,
      AdviceView existing,
      AdviceForm form,
      Map<String, String> errors,
      String problem,
      HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return form(model, project, existing, form, errors, problem);
  }

  private static String form(
      Model model,
      String project,
      AdviceView existing,
      AdviceForm form,
      Map<String, String> errors,
      String problem) {
    model.addAttribute("existing", existing);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("problem", problem);
    model.addAttribute("installModes", AppliesTo.INSTALL_MODES);
    return FORM;
  }
}
