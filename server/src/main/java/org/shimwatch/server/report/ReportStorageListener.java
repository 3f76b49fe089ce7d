package org.shimwatch.server.report;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.shimwatch.report.Report;

/**
 * Told about reports inside the transaction that stores or deletes them, so that what is derived
 * from reports (the analytics rollups) commits or rolls back together with them.
 */
public interface ReportStorageListener {

  /**
   * Called first in a transaction that will store reports of these projects, before any write: a
   * listener that serializes its updates takes its locks here, so that every transaction takes them
   * in the same place and none waits on another while holding them.
   */
  void beforeStoring(Collection<Long> projectIds);

  /**
   * Called after the rows are inserted.
   *
   * @param rows the new rows, as inserted
   * @param reports the report of each row, in the same order
   */
  void stored(List<StoredReport> rows, List<Report> reports);

  /** Called before every report of an installation is deleted, in the same transaction. */
  void deletingInstallation(UUID installationId);
}
