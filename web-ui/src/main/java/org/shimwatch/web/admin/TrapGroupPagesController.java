package org.shimwatch.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.system.ProjectsQuery;
import org.shimwatch.web.traps.TrapGroupDetail;
import org.shimwatch.web.traps.TrapGroupQuery;
import org.shimwatch.web.traps.TrapGroupView;
import org.shimwatch.web.traps.TrapStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Trap groups for maintainers: the list, one group with its reports, and its status. */
@Controller
@RequestMapping("/maintainer/traps")
class TrapGroupPagesController {

  private final ProjectsQuery projects;
  private final TrapGroupQuery groups;
  private final TrapGroupCommands commands;
  private final ObjectProvider<AdviceQuery> advice;

  TrapGroupPagesController(
      ProjectsQuery projects,
      TrapGroupQuery groups,
      TrapGroupCommands commands,
      ObjectProvider<AdviceQuery> advice) {
    this.projects = projects;
    this.groups = groups;
    this.commands = commands;
    this.advice = advice;
  }

  @GetMapping
  String list(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String status,
      Model model) {
    String p = ProjectChoice.choose(projects, project, model);
    TrapStatus filter = null;
    if (status != null && !status.isBlank()) {
      filter =
          TrapStatus.of(status)
              .orElseThrow(
                  () ->
                      new ChangeRefused(
                          "invalid-status",
                          "Filter by new, acknowledged, fixed or regressed trap groups."));
    }
    List<TrapGroupView> found =
        groups
            .groups(p, filter)
            .orElseThrow(() -> new NotFound("project-not-found", "There is no such project."));
    model.addAttribute("groups", found);
    model.addAttribute("filter", filter == null ? "" : filter.wireName());
    model.addAttribute("statuses", TrapStatus.values());
    return "maintainer/traps/trapGroups";
  }

  @GetMapping("/{id}")
  String detail(
      @PathVariable long id, @RequestParam(required = false) String project, Model model) {
    String p = ProjectChoice.choose(projects, project, model);
    show(p, id, model);
    return "maintainer/traps/trapGroup";
  }

  @PostMapping("/{id}/status")
  Object setStatus(
      @PathVariable long id,
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String fixedIn,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    String p = ProjectChoice.choose(projects, project, model);
    Optional<TrapStatus> wanted = TrapStatus.of(status);
    String problem = null;
    if (wanted.isEmpty() || wanted.get() == TrapStatus.REGRESSED) {
      problem = "Choose new, acknowledged, or fixed with the shim version that fixes it.";
    } else if (wanted.get() == TrapStatus.FIXED && (fixedIn == null || fixedIn.isBlank())) {
      problem = "Say which shim version fixes it.";
    } else {
      String version = wanted.get() == TrapStatus.FIXED ? fixedIn.strip() : fixedIn;
      try {
        Optional<TrapGroupDetail> changed = commands.setStatus(p, id, wanted.get(), version);
        if (changed.isEmpty()) {
          throw new NotFound(
              "trap-group-not-found", "Project '" + p + "' has no trap group " + id + ".");
        }
        redirect.addFlashAttribute(
            "notice", "Status set to " + changed.get().group().statusLabel() + ".");
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("project", p);
        return SeeOther.to("/maintainer/traps/" + id, query);
      } catch (ChangeRefused e) {
        problem = e.getMessage();
      }
    }
    show(p, id, model);
    model.addAttribute("problem", problem);
    model.addAttribute("fixedIn", fixedIn);
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return "maintainer/traps/trapGroup";
  }

  private void show(String project, long id, Model model) {
    TrapGroupDetail detail =
        groups
            .group(project, id)
            .orElseThrow(
                () ->
                    new NotFound(
                        "trap-group-not-found",
                        "Project '" + project + "' has no trap group " + id + "."));
    model.addAttribute("detail", detail);
    model.addAttribute("group", detail.group());
    model.addAttribute("fixedIn", detail.group().fixedIn());
    AdviceQuery known = advice.getIfAvailable();
    model.addAttribute("advice", known == null ? List.of() : known.forTrapGroup(project, id));
  }
}
