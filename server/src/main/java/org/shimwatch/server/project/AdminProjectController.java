package org.shimwatch.server.project;

import java.time.Instant;
import java.util.List;
import org.shimwatch.server.maintainer.ProjectAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Maintainer API: projects and their ingest keys. */
@RestController
@RequestMapping("/api/v1/admin/projects")
class AdminProjectController {

  private final ProjectService projects;

  private final ProjectAccess access;

  AdminProjectController(ProjectService projects, ProjectAccess access) {
    this.projects = projects;
    this.access = access;
  }

  /** A project as the API shows it. */
  record ProjectView(String slug, String name, Instant createdAt) {
    static ProjectView of(Project p) {
      return new ProjectView(p.getSlug(), p.getName(), p.getCreatedAt());
    }
  }

  /** A key as the API shows it: never the key itself, only its first characters. */
  record KeyView(long id, String prefix, String label, Instant createdAt, Instant revokedAt) {
    static KeyView of(IngestKey k) {
      return new KeyView(
          k.getId(), k.getKeyPrefix(), k.getLabel(), k.getCreatedAt(), k.getRevokedAt());
    }
  }

  /** A new key: the only time its plain text is shown. */
  record NewKeyView(long id, String project, String key, String label, Instant createdAt) {}

  record NewProject(String slug, String name) {}

  record NewKey(String label) {}

  @GetMapping
  List<ProjectView> list() {
    return projects.all().stream()
        .filter(p -> access.maySee(p.getSlug()))
        .map(ProjectView::of)
        .toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ProjectView create(@RequestBody NewProject body) {
    return ProjectView.of(projects.create(body.slug(), body.name()));
  }

  @GetMapping("/{slug}/keys")
  List<KeyView> keys(@PathVariable String slug) {
    return projects.keys(slug).stream().map(KeyView::of).toList();
  }

  @PostMapping("/{slug}/keys")
  @ResponseStatus(HttpStatus.CREATED)
  NewKeyView createKey(@PathVariable String slug, @RequestBody(required = false) NewKey body) {
    var created = projects.createKey(slug, body == null ? null : body.label(), null);
    return new NewKeyView(
        created.key().getId(),
        slug,
        created.plainKey(),
        created.key().getLabel(),
        created.key().getCreatedAt());
  }

  @DeleteMapping("/{slug}/keys/{id}")
  KeyView revoke(@PathVariable String slug, @PathVariable long id) {
    return KeyView.of(projects.revokeKey(slug, id));
  }
}
