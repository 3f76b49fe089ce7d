package org.shimwatch.server.admin;

import java.util.List;
import java.util.Optional;
import org.shimwatch.server.maintainer.ProjectAccess;
import org.shimwatch.server.project.IngestKey;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.admin.ProjectAdmin;
import org.springframework.stereotype.Component;

/** Projects and ingest keys for the pages, through the same service as the admin API. */
@Component
class ProjectAdministration implements ProjectAdmin {

  private final ProjectService projects;

  private final ProjectAccess access;

  ProjectAdministration(ProjectService projects, ProjectAccess access) {
    this.projects = projects;
    this.access = access;
  }

  @Override
  public List<ProjectKeys> projects() {
    return projects.all().stream()
        .filter(p -> access.maySee(p.getSlug()))
        .map(this::withKeys)
        .toList();
  }

  @Override
  public ProjectKeys createProject(String slug, String name) {
    return withKeys(projects.create(slug, name));
  }

  @Override
  public Optional<NewIngestKey> createKey(String project, String label) {
    if (projects.find(project).isEmpty()) {
      return Optional.empty();
    }
    try {
      ProjectService.CreatedKey created = projects.createKey(project, label, null);
      return Optional.of(new NewIngestKey(project, view(created.key()), created.plainKey()));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<IngestKeyView> key(String project, long keyId) {
    if (projects.find(project).isEmpty()) {
      return Optional.empty();
    }
    return projects.keys(project).stream()
        .filter(k -> k.getId() == keyId)
        .findFirst()
        .map(ProjectAdministration::view);
  }

  @Override
  public Optional<IngestKeyView> revokeKey(String project, long keyId) {
    try {
      return Optional.of(view(projects.revokeKey(project, keyId)));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  private ProjectKeys withKeys(Project p) {
    List<IngestKeyView> keys =
        projects.keys(p.getSlug()).stream().map(ProjectAdministration::view).toList();
    return new ProjectKeys(p.getSlug(), p.getName(), p.getCreatedAt(), keys);
  }

  private static IngestKeyView view(IngestKey k) {
    return new IngestKeyView(
        k.getId(), k.getKeyPrefix(), k.getLabel(), k.getCreatedAt(), k.getRevokedAt());
  }
}
