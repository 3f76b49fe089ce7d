package org.shimwatch.server.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.report.CallRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once, on the first start after the analytics tables were added: gives the reports stored before
 * them their trap and call rows (read from the raw documents retention left) and builds the
 * rollups. The migration noted each project's last report then; newer reports were rolled up at
 * ingest. A report whose raw document was already pruned still counts in the matrix through its
 * columns, but brings no trap group or latency. A migration that reshapes a rollup table notes the
 * projects with no report to restore ({@code max_report_row} 0): they are only rebuilt.
 */
@Component
@Order(5)
class RollupBackfill implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(RollupBackfill.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final RollupLock lock;
  private final ReportChildren children;
  private final RollupRebuild rebuild;

  RollupBackfill(
      JdbcTemplate jdbc,
      PlatformTransactionManager txManager,
      RollupLock lock,
      ReportChildren children,
      RollupRebuild rebuild) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(txManager);
    this.lock = lock;
    this.children = children;
    this.rebuild = rebuild;
  }

  /** A report stored before the analytics tables, as read for the backfill. */
  private record Old(UUID reportId, String osFamily, String raw) {}

  @Override
  public void run(ApplicationArguments args) {
    List<long[]> pending =
        jdbc.query(
            "SELECT project_id, max_report_row FROM rollup_pending ORDER BY project_id",
            (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
    for (long[] p : pending) {
      tx.executeWithoutResult(s -> backfill(p[0], p[1]));
    }
  }

  /** Fills one project's trap and call rows and rebuilds its rollups, in one transaction. */
  void backfill(long projectId, long maxRow) {
    lock.lock(List.of(projectId));
    long[] filled = {0};
    long[] unreadable = {0};
    List<ReportChildren.Rows> pending = new ArrayList<>();
    children
        .streaming(RollupRebuild.CHUNK)
        .query(
            "SELECT report_id, os_family, raw_json FROM report WHERE project_id = ? AND id <= ? AND"
                + " raw_json IS NOT NULL",
            rs -> {
              Old o = new Old(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3));
              Report r;
              try {
                r = ReportJson.mapper().readValue(o.raw(), Report.class);
              } catch (RuntimeException e) {
                // Stored raw documents were valid when they came; one that no longer reads is
                // left without trap and call rows.
                unreadable[0]++;
                return;
              }
              pending.add(
                  new ReportChildren.Rows(
                      projectId, o.reportId(), children.traps(r, o.osFamily()), CallRow.of(r)));
              filled[0]++;
              if (pending.size() == 1_000) {
                children.insertRows(pending);
                pending.clear();
              }
            },
            projectId,
            maxRow);
    children.insertRows(pending);
    RollupRebuild.Result result = rebuild.rebuildLocked(projectId);
    jdbc.update("DELETE FROM rollup_pending WHERE project_id = ?", projectId);
    log.info(
        "analytics: project {}: trap and call rows of {} earlier reports restored from their raw"
            + " documents ({} unreadable), rollups built from {} reports in {} ms",
        projectId,
        filled[0],
        unreadable[0],
        result.reports(),
        result.took().toMillis());
  }
}
