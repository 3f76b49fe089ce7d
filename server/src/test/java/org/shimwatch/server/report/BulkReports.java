package org.shimwatch.server.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shimwatch.server.demo.DemoReports;
import org.shimwatch.server.project.Secrets;
import org.shimwatch.server.rollup.ReportChildren;
import org.shimwatch.server.rollup.RolledReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For benchmarks: stores demo reports in large transactions straight into the report tables, rows
 * built and inserted as the report writer does, with their trap and call rows but without the
 * rollups: a rebuild makes those afterwards (the rollup contract tests hold a rebuild equal to what
 * ingest keeps). A million reports go in within minutes instead of the writer's quarter hour.
 */
public final class BulkReports {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ReportChildren children;
  private final Set<UUID> installations = new HashSet<>();

  public BulkReports(
      JdbcTemplate jdbc, PlatformTransactionManager txManager, ReportChildren children) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(txManager);
    this.children = children;
  }

  /** Stores these reports, new ones only, in one transaction. */
  public void store(long projectId, List<DemoReports.Generated> reports) {
    tx.executeWithoutResult(
        s -> {
          Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
          Timestamp at = Timestamp.from(now);
          List<Object[]> newInstallations = new ArrayList<>();
          List<StoredReport> rows = new ArrayList<>(reports.size());
          List<RolledReport> rolled = new ArrayList<>(reports.size());
          for (DemoReports.Generated g : reports) {
            UUID installation = g.report().installationId();
            if (installations.add(installation)) {
              newInstallations.add(
                  new Object[] {
                    installation,
                    Secrets.sha256(DemoReports.installationSecret(g.installation())),
                    at
                  });
            }
            StoredReport row = ReportRows.of(projectId, g.report(), null, now, false);
            rows.add(row);
            rolled.add(children.of(row, g.report()));
          }
          if (!newInstallations.isEmpty()) {
            jdbc.batchUpdate(
                "INSERT INTO installation (id, secret_hash, created_at) VALUES (?, ?, ?)",
                newInstallations);
          }
          ReportColumn.insert(jdbc, rows);
          children.insert(rolled);
        });
  }
}
