package org.shimwatch.server.report;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.shimwatch.report.Report;
import org.shimwatch.server.project.Secrets;
import org.shimwatch.web.ForeignInstallation;
import org.shimwatch.web.Refusal;
import org.shimwatch.web.StoreUnavailable;
import org.springframework.stereotype.Service;

/**
 * Stores reports exactly once and answers only once they are committed. Requests hand their report
 * to the {@link BatchWriter}, which commits whatever has queued up meanwhile in one transaction
 * (group commit): one disk write serves many reports. The database's unique constraint on (project,
 * report id) still decides races between server instances.
 */
@Service
public class ReportStore {

  /** Longer than any commit takes; past it the request fails and the probe retries. */
  static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  private final BatchWriter writer;

  ReportStore(BatchWriter writer) {
    this.writer = writer;
  }

  /**
   * Stores the report unless it is stored already; returns once the row is committed.
   *
   * @param secret the installation secret sent with the report
   * @throws ForeignInstallation when the installation is known with another secret
   * @throws StoreUnavailable when the server is stopping or overloaded
   */
  public Receipt store(long projectId, Report report, String rawJson, String secret, boolean demo) {
    CompletableFuture<Receipt> done =
        writer.submit(
            new BatchWriter.Pending(
                projectId,
                report,
                rawJson,
                Secrets.sha256(secret),
                demo,
                new CompletableFuture<>()));
    try {
      return done.get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Refusal p) {
        throw p;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailable(
          "storage-timeout",
          "the report was not committed in time; send it again (the report id keeps it single)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailable("stopping", "the server is stopping; send it again");
    }
  }

  /** The receipt of a report stored earlier, if any. */
  public Optional<Receipt> existing(long projectId, UUID reportId) {
    return writer.existing(projectId, reportId);
  }
}
