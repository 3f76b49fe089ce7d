package org.shimwatch.server.rollup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shimwatch.report.Report;
import org.shimwatch.server.publicversion.PublicVersions;
import org.shimwatch.server.report.ReportStorageListener;
import org.shimwatch.server.report.StoredReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps every rollup up to date inside the transactions that store and delete reports: the report
 * writer's group commit adds a whole batch at once, and a deletion subtracts an installation's
 * reports before they go. So rollups never disagree with the reports, whatever commits or fails.
 */
@Component
class RollupUpdater implements ReportStorageListener {

  private final JdbcTemplate jdbc;
  private final RollupLock lock;
  private final ReportChildren children;
  private final List<Rollup> rollups;
  private final PublicVersions publicVersions;

  RollupUpdater(
      JdbcTemplate jdbc,
      RollupLock lock,
      ReportChildren children,
      List<Rollup> rollups,
      PublicVersions publicVersions) {
    this.jdbc = jdbc;
    this.lock = lock;
    this.children = children;
    this.rollups = List.copyOf(rollups);
    this.publicVersions = publicVersions;
  }

  @Override
  public void beforeStoring(Collection<Long> projectIds) {
    lock.lock(projectIds);
  }

  @Override
  public void stored(List<StoredReport> rows, List<Report> reports) {
    List<RolledReport> rolled = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      rolled.add(children.of(rows.get(i), reports.get(i)));
    }
    children.insert(rolled);
    apply(rolled, 1);
  }

  @Override
  public void deletingInstallation(UUID installationId) {
    List<Long> projects =
        jdbc.queryForList(
            "SELECT DISTINCT project_id FROM report WHERE installation_id = ?",
            Long.class,
            installationId);
    lock.lock(projects);
    apply(children.ofInstallation(installationId), -1);
  }

  private void apply(List<RolledReport> reports, int sign) {
    Map<Long, List<RolledReport>> byProject = new LinkedHashMap<>();
    for (RolledReport r : reports) {
      byProject.computeIfAbsent(r.projectId(), k -> new ArrayList<>()).add(r);
    }
    byProject.forEach(
        (project, list) -> {
          for (Rollup rollup : rollups) {
            rollup.apply(project, list, sign);
          }
        });
    // What the public pages show of these projects changes with this transaction.
    publicVersions.bump(byProject.keySet());
  }
}
