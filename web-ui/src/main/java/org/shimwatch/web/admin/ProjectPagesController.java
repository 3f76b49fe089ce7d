package org.shimwatch.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Projects and their ingest keys: create a project, make a key (its plain text shown once, right
 * after), revoke a key after a confirmation.
 */
@Controller
@RequestMapping("/maintainer/projects")
class ProjectPagesController {

  private final ProjectAdmin admin;

  ProjectPagesController(ProjectAdmin admin) {
    this.admin = admin;
  }

  @GetMapping
  String list(@RequestParam(required = false) String project, Model model) {
    return listPage(project, model);
  }

  @PostMapping
  Object createProject(
      @RequestParam(required = false) String slug,
      @RequestParam(required = false) String name,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    String s = slug == null ? "" : slug.strip();
    try {
      ProjectAdmin.ProjectKeys created = admin.createProject(s, name);
      redirect.addFlashAttribute(
          "notice", "Project '" + created.slug() + "' created. Make an ingest key for its probes.");
      return SeeOther.to("/maintainer/projects", query(created.slug()));
    } catch (ChangeRefused e) {
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("newSlug", s);
      model.addAttribute("newName", name);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return listPage(null, model);
    }
  }

  @PostMapping("/{slug}/keys")
  Object createKey(
      @PathVariable String slug,
      @RequestParam(required = false) String label,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      ProjectAdmin.NewIngestKey created =
          admin
              .createKey(slug, label)
              .orElseThrow(
                  () ->
                      new NotFound(
                          "project-not-found", "There is no project named '" + slug + "'."));
      // A flash attribute lives for exactly the next request: the key page shows it once, and a
      // reload finds it gone.
      redirect.addFlashAttribute("newKey", created);
      return SeeOther.to("/maintainer/projects/" + slug + "/keys/new", Map.of());
    } catch (ChangeRefused e) {
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("keyProject", slug);
      model.addAttribute("newLabel", label);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return listPage(slug, model);
    }
  }

  @GetMapping("/{slug}/keys/new")
  String newKey(@PathVariable String slug, Model model) {
    ProjectAdmin.ProjectKeys p = project(slug);
    model.addAttribute("target", p);
    Object shown = model.getAttribute("newKey");
    if (!(shown instanceof ProjectAdmin.NewIngestKey k) || !k.project().equals(slug)) {
      model.addAttribute("newKey", null);
    }
    return "maintainer/projects/newKey";
  }

  @GetMapping("/{slug}/keys/{id}/revoke")
  String confirmRevoke(@PathVariable String slug, @PathVariable long id, Model model) {
    model.addAttribute("target", project(slug));
    model.addAttribute("key", key(slug, id));
    return "maintainer/projects/revokeKey";
  }

  @PostMapping("/{slug}/keys/{id}/revoke")
  Object revoke(@PathVariable String slug, @PathVariable long id, RedirectAttributes redirect) {
    ProjectAdmin.IngestKeyView key = admin.revokeKey(slug, id).orElseThrow(() -> noKey(slug, id));
    redirect.addFlashAttribute(
        "notice",
        "Key "
            + key.prefix()
            + "… ("
            + key.label()
            + ") is revoked; probes sending it are refused from now on.");
    return SeeOther.to("/maintainer/projects", query(slug));
  }

  private String listPage(String requested, Model model) {
    List<ProjectAdmin.ProjectKeys> all = admin.projects();
    if (requested != null
        && !requested.isBlank()
        && all.stream().noneMatch(p -> p.slug().equals(requested))) {
      throw new NotFound("project-not-found", "There is no project named '" + requested + "'.");
    }
    model.addAttribute("all", all);
    model.addAttribute("project", requested);
    return "maintainer/projects/projects";
  }

  private ProjectAdmin.ProjectKeys project(String slug) {
    return admin.projects().stream()
        .filter(p -> p.slug().equals(slug))
        .findFirst()
        .orElseThrow(
            () -> new NotFound("project-not-found", "There is no project named '" + slug + "'."));
  }

  private ProjectAdmin.IngestKeyView key(String slug, long id) {
    return admin.key(slug, id).orElseThrow(() -> noKey(slug, id));
  }

  private static NotFound noKey(String slug, long id) {
    return new NotFound("key-not-found", "Project '" + slug + "' has no ingest key " + id + ".");
  }

  private static Map<String, Object> query(String project) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("project", project);
    return q;
  }
}
