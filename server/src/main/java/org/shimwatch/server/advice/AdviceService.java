package org.shimwatch.server.advice;

import java.time.Clock;
import java.util.Optional;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.publicversion.PublicVersions;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.advice.AdviceCommands;
import org.shimwatch.web.advice.AdviceDraft;
import org.shimwatch.web.advice.AppliesTo;
import org.springframework.stereotype.Service;

/**
 * Writes advice entries. The form has checked each field; this checks what needs the project: that
 * the trap group is one of its own, and that version ranges run upwards. Each change is one
 * statement, committed on its own, and the finder forgets what it read only after it: a read in
 * between cannot keep the old entries for another {@link AdviceFinder#FRESH_FOR}.
 */
@Service
class AdviceService implements AdviceCommands {

  private final ProjectService projects;
  private final AdviceStore store;
  private final AdviceFinder finder;
  private final Clock clock;
  private final PublicVersions versions;

  AdviceService(
      ProjectService projects,
      AdviceStore store,
      AdviceFinder finder,
      Clock clock,
      PublicVersions versions) {
    this.projects = projects;
    this.store = store;
    this.finder = finder;
    this.clock = clock;
    this.versions = versions;
  }

  @Override
  public Optional<Long> create(String project, AdviceDraft draft, String by) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    check(projectId, draft);
    long id = store.insert(projectId, draft, by, clock.instant());
    changed(projectId);
    return Optional.of(id);
  }

  @Override
  public boolean update(String project, long id, AdviceDraft draft, String by) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return false;
    }
    long projectId = p.get().getId();
    check(projectId, draft);
    boolean done = store.update(projectId, id, draft, by, clock.instant());
    changed(projectId);
    return done;
  }

  @Override
  public boolean delete(String project, long id) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return false;
    }
    boolean done = store.delete(p.get().getId(), id);
    changed(p.get().getId());
    return done;
  }

  private void check(long projectId, AdviceDraft draft) {
    AppliesTo a = draft.appliesTo();
    if (a.stackFrom() != null
        && a.stackTo() != null
        && AdviceMatcher.compareStack(a.stackName(), a.stackFrom(), a.stackTo()) > 0) {
      throw new ChangeRefused(
          "invalid-range",
          "The stack versions run from "
              + a.stackFrom()
              + " down to "
              + a.stackTo()
              + ": give the lowest first.");
    }
    if (a.shimFrom() != null
        && a.shimTo() != null
        && Versions.compare(a.shimFrom(), a.shimTo()) > 0) {
      throw new ChangeRefused(
          "invalid-range",
          "The shim versions run from "
              + a.shimFrom()
              + " down to "
              + a.shimTo()
              + ": give the lowest first.");
    }
    if (a.trapGroupId() != null && !store.trapGroupOf(projectId, a.trapGroupId())) {
      throw new ChangeRefused(
          "unknown-trap-group",
          "This project has no trap group "
              + a.trapGroupId()
              + "; the number is in the group's page address under Trap groups.");
    }
  }

  /** What follows a change of a project's advice: every page that shows advice changes. */
  private void changed(long projectId) {
    finder.changed(projectId);
    publicPagesChanged(projectId);
  }

  /**
   * The public pages of the project show advice (matrix markers, cells, the known issues list), so
   * what visitors hold of them, and the answers the server keeps by ETag, are stale now.
   */
  private void publicPagesChanged(long projectId) {
    versions.bump(projectId);
  }
}
