package org.shimwatch.server.publicversion;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.cache.PublicVersionQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one place that says what the public sees of a project has changed: a counter per project
 * ({@code public_version}) that the public pages, badges, JSON and CSV take their {@code ETag}
 * from, so a visitor whose copy is current gets {@code 304} without anything being read or
 * rendered.
 *
 * <p><b>Every change the public can see calls {@link #bump}</b> inside the transaction that makes
 * it: reports stored or deleted and rollups rebuilt (the rollup updater and rebuild), comments
 * approved or rejected, trap group status, demo reports backdated, a new project; a feature that
 * adds something to the public pages (advice on cells, say) calls it too. The counter is updated
 * just before that transaction commits, whatever the call's place in it: its row lock is the last
 * lock the transaction takes and is held only for the commit, so it can never be part of a
 * deadlock, and it commits with the change or not at all. Readers read it before the data it
 * labels.
 */
@Service
public class PublicVersions implements PublicVersionQuery {

  private final JdbcTemplate jdbc;
  private final String release;

  PublicVersions(
      JdbcTemplate jdbc, ShimwatchProperties properties, ObjectProvider<BuildProperties> build) {
    this.jdbc = jdbc;
    BuildProperties b = build.getIfAvailable();
    // A build without build information (run from an IDE) uses this JVM's start instead: each
    // start then invalidates what visitors hold, which is right when nothing says what changed.
    String made =
        b != null && b.getTime() != null
            ? b.getVersion() + "@" + b.getTime()
            : "started@" + ManagementFactory.getRuntimeMXBean().getStartTime();
    this.release = made + ";k=" + properties.matrix().minInstallations();
  }

  /**
   * Marks what the public sees of this project as changed, when the current transaction commits.
   */
  public void bump(long projectId) {
    bump(List.of(projectId));
  }

  /**
   * Marks what the public sees of these projects as changed. Inside a transaction the counters move
   * just before it commits (once per project however often this is called); outside one, at once.
   */
  public void bump(Collection<Long> projectIds) {
    if (projectIds.isEmpty()) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      update(new TreeSet<>(projectIds));
      return;
    }
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      if (s instanceof Pending p && p.owner == this) {
        p.projects.addAll(projectIds);
        return;
      }
    }
    Pending p = new Pending(this);
    p.projects.addAll(projectIds);
    TransactionSynchronizationManager.registerSynchronization(p);
  }

  /** The projects a transaction changed, bumped just before it commits. */
  private static final class Pending implements TransactionSynchronization {
    private final PublicVersions owner;
    // Sorted: two transactions bumping the same projects lock their rows in the same order.
    private final Set<Long> projects = new TreeSet<>();

    Pending(PublicVersions owner) {
      this.owner = owner;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      owner.update(projects);
    }

    @Override
    public int getOrder() {
      // After other synchronizations' own work before the commit.
      return LOWEST_PRECEDENCE;
    }
  }

  private void update(Set<Long> projectIds) {
    for (long id : projectIds) {
      int n =
          jdbc.update("UPDATE public_version SET version = version + 1 WHERE project_id = ?", id);
      if (n == 0) {
        // A project's first change: it is made in the transaction that creates the project, which
        // no other transaction can see yet, so no other can insert the same row meanwhile.
        jdbc.update("INSERT INTO public_version (project_id, version) VALUES (?, 1)", id);
      }
    }
  }

  @Override
  public OptionalLong version(String project) {
    List<Long> v =
        jdbc.queryForList(
            "SELECT COALESCE(v.version, 0) FROM project p LEFT JOIN public_version v ON"
                + " v.project_id = p.id WHERE p.slug = ?",
            Long.class,
            project);
    return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(v.get(0));
  }

  @Override
  public Map<String, Long> versions() {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.query(
        "SELECT p.slug, COALESCE(v.version, 0) FROM project p LEFT JOIN public_version v ON"
            + " v.project_id = p.id ORDER BY p.slug",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        });
    return out;
  }

  @Override
  public String release() {
    return release;
  }
}
