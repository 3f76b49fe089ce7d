package org.shimwatch.server.report;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface StoredReportRepository extends JpaRepository<StoredReport, Long> {

  Optional<StoredReport> findByProjectIdAndReportId(Long projectId, UUID reportId);

  long countByInstallationId(UUID installationId);

  long countByProjectId(Long projectId);

  boolean existsByDemoTrue();

  @Modifying
  @Query("delete from StoredReport r where r.installationId = :id")
  int deleteByInstallation(@Param("id") UUID installationId);

  @Modifying
  @Query(
      "update StoredReport r set r.rawJson = null, r.rawPrunedAt = :now"
          + " where r.receivedAt < :cutoff and r.rawJson is not null")
  int pruneRawBefore(@Param("cutoff") Instant cutoff, @Param("now") Instant now);
}
