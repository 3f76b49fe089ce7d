package org.shimwatch.probe.upload;

import org.shimwatch.probe.outbox.FileReportQueue.QueuedReport;

/** Sends one queued report and says how it went; never throws. */
@FunctionalInterface
public interface ReportSender {

  /** One attempt to send {@code report}. */
  UploadOutcome send(QueuedReport report);
}
