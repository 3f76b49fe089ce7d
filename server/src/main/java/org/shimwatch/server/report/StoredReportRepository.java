package org.shimwatch.server.report;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface StoredReportRepository extends JpaRepository<StoredReport, Long> {

  Optional<StoredReport> findByProjectIdAndReportId(Long projectId, UUID reportId);

  long countByInstallationId(UUID installationId);

  long countByProjectId(Long projectId);

  boolean existsByDemoTrue();

  @Modifying
  @Query("delete from StoredReport r where r.installationId = :id")
  int deleteByInstallation(@Param("id") UUID installationId);

  /**
   * Dates a project's demo reports as received when they were made, so the demo reads as weeks of
   * history rather than one burst. The rollups count a report at the earlier of the two times, so
   * they stay as they are.
   */
  @Modifying
  @Transactional
  @Query(
      "update StoredReport r set r.receivedAt = r.createdAt"
          + " where r.projectId = :project and r.demo = true and r.createdAt < r.receivedAt")
  int backdateDemo(@Param("project") Long projectId);

  @Modifying
  @Query(
      "update StoredReport r set r.rawJson = null, r.rawPrunedAt = :now"
          + " where r.receivedAt < :cutoff and r.rawJson is not null")
  int pruneRawBefore(@Param("cutoff") Instant cutoff, @Param("now") Instant now);
}
