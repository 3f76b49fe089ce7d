package org.shimwatch.server.report;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.shimwatch.server.publicversion.PublicVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The changes to stored reports besides the writer's inserts. Plain SQL like the writer and the
 * rollups: reports are written and read through JDBC only, so a JPA mapping of the table would be
 * one more description of its columns to keep in step (see {@link ReportColumn}).
 */
@Repository
public class StoredReportRepository {

  private final JdbcTemplate jdbc;
  private final PublicVersions publicVersions;

  StoredReportRepository(JdbcTemplate jdbc, PublicVersions publicVersions) {
    this.jdbc = jdbc;
    this.publicVersions = publicVersions;
  }

  /** Whether any demo report is stored. */
  public boolean existsByDemoTrue() {
    return Boolean.TRUE.equals(
        jdbc.query(
            "SELECT id FROM report WHERE demo = TRUE FETCH FIRST 1 ROWS ONLY", ResultSet::next));
  }

  /** Deletes every report of an installation (their trap rows go with them); returns how many. */
  public int deleteByInstallation(UUID installationId) {
    return jdbc.update("DELETE FROM report WHERE installation_id = ?", installationId);
  }

  /**
   * Dates a project's demo reports as received when they were made, so the demo reads as weeks of
   * history rather than one burst. The rollups count a report at the earlier of the two times, so
   * they stay as they are.
   */
  @Transactional
  public int backdateDemo(long projectId) {
    // The drill-down orders and dates comments by when they were received.
    publicVersions.bump(projectId);
    return jdbc.update(
        "UPDATE report SET received_at = created_at WHERE project_id = ? AND demo = TRUE AND"
            + " created_at < received_at",
        projectId);
  }

  /** Drops the raw documents of reports received before {@code cutoff}, noting when. */
  public int pruneRawBefore(Instant cutoff, Instant now) {
    return jdbc.update(
        "UPDATE report SET raw_json = NULL, raw_pruned_at = ? WHERE received_at < ? AND raw_json IS"
            + " NOT NULL",
        Timestamp.from(now),
        Timestamp.from(cutoff));
  }
}
