package org.shimwatch.server.report;

import java.util.List;
import java.util.UUID;
import org.shimwatch.server.project.Secrets;
import org.shimwatch.web.ForeignInstallation;
import org.shimwatch.web.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes everything an installation sent, on proof of its secret: no account needed. Reports,
 * their raw documents, personal fields and their share of every rollup go with the installation
 * row, in one transaction.
 */
@Service
public class InstallationDeletion {

  private final InstallationRepository installations;
  private final StoredReportRepository reports;
  private final List<ReportStorageListener> listeners;

  InstallationDeletion(
      InstallationRepository installations,
      StoredReportRepository reports,
      List<ReportStorageListener> listeners) {
    this.installations = installations;
    this.reports = reports;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * What was removed.
   *
   * @param installationId the installation
   * @param reportsDeleted how many reports went
   */
  public record Deleted(UUID installationId, int reportsDeleted) {}

  @Transactional
  public Deleted delete(UUID installationId, String secret) {
    Installation i =
        installations
            .findById(installationId)
            .orElseThrow(
                () ->
                    new NotFound(
                        "installation-not-found", "nothing is stored for this installation"));
    if (secret == null || !Secrets.sameHash(i.getSecretHash(), Secrets.sha256(secret))) {
      throw new ForeignInstallation(
          "installation-secret-mismatch", "the installation secret does not match");
    }
    // The rollups subtract these reports in this transaction, before the rows go.
    listeners.forEach(l -> l.deletingInstallation(installationId));
    int n = reports.deleteByInstallation(installationId);
    installations.delete(i);
    return new Deleted(installationId, n);
  }
}
