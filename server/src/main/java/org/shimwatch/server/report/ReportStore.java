package org.shimwatch.server.report;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.shimwatch.report.Report;
import org.shimwatch.server.project.Secrets;
import org.shimwatch.server.system.ApiProblem;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores reports exactly once. The database's unique constraint on (project, report id) decides
 * races, so two threads or two server instances storing the same report make one row, and the loser
 * answers with the winner's receipt.
 */
@Service
public class ReportStore {

  private final StoredReportRepository reports;
  private final InstallationRepository installations;
  private final TransactionTemplate tx;
  private final Clock clock;

  ReportStore(
      StoredReportRepository reports,
      InstallationRepository installations,
      PlatformTransactionManager txManager,
      Clock clock) {
    this.reports = reports;
    this.installations = installations;
    this.tx = new TransactionTemplate(txManager);
    this.clock = clock;
  }

  /**
   * Stores the report unless it is stored already; returns once the row is committed.
   *
   * @param secret the installation secret sent with the report
   * @throws ApiProblem 403 when the installation is known with another secret
   */
  public Receipt store(long projectId, Report report, String rawJson, String secret, boolean demo) {
    String secretHash = Secrets.sha256(secret);
    Optional<Receipt> earlier = existing(projectId, report.reportId());
    if (earlier.isPresent()) {
      checkOwner(report.installationId(), secretHash);
      return earlier.get();
    }
    // Two attempts: the first may lose a race on the installation row or the report row.
    for (int attempt = 0; ; attempt++) {
      try {
        return tx.execute(
            s -> {
              ensureInstallation(report.installationId(), secretHash);
              // Microseconds: what both H2 and PostgreSQL keep, so a receipt read back is
              // identical.
              Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
              StoredReport row = ReportRows.of(projectId, report, rawJson, now, demo);
              reports.saveAndFlush(row);
              return new Receipt(row.getReportId(), row.getReceivedAt(), false);
            });
      } catch (DataIntegrityViolationException race) {
        Optional<Receipt> winner = existing(projectId, report.reportId());
        if (winner.isPresent()) {
          return winner.get();
        }
        if (attempt >= 1) {
          throw race;
        }
      }
    }
  }

  /** The receipt of a report stored earlier, if any. */
  public Optional<Receipt> existing(long projectId, UUID reportId) {
    return tx.execute(
        s ->
            reports
                .findByProjectIdAndReportId(projectId, reportId)
                .map(r -> new Receipt(r.getReportId(), r.getReceivedAt(), true)));
  }

  private void ensureInstallation(UUID id, String secretHash) {
    Optional<Installation> known = installations.findById(id);
    if (known.isPresent()) {
      requireSecret(known.get(), secretHash);
    } else {
      installations.saveAndFlush(new Installation(id, secretHash, clock.instant()));
    }
  }

  private void checkOwner(UUID id, String secretHash) {
    tx.executeWithoutResult(
        s -> installations.findById(id).ifPresent(i -> requireSecret(i, secretHash)));
  }

  private static void requireSecret(Installation i, String secretHash) {
    if (!Secrets.sameHash(i.getSecretHash(), secretHash)) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          "installation-secret-mismatch",
          "this installation id is registered with another installation secret");
    }
  }
}
