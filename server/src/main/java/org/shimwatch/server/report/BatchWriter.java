package org.shimwatch.server.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.shimwatch.report.Report;
import org.shimwatch.server.project.Secrets;
import org.shimwatch.web.ForeignInstallation;
import org.shimwatch.web.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one thread that writes reports. It takes whatever requests have queued while the previous
 * commit ran, checks them against the database in a few set queries, inserts the new ones with a
 * JDBC batch and commits once; then every waiting request gets its receipt. Plain JDBC, the row's
 * columns as {@link ReportColumn} describes them: this is the hot path and a batch insert is its
 * whole point.
 *
 * <p>It stops after the web server has finished its in-flight requests, and drains its queue first,
 * so a graceful shutdown loses no acknowledged report.
 */
@Component
class BatchWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  /** Reports committed together at most: bounds one transaction's size and latency. */
  static final int MAX_BATCH = 256;

  /** Reports waiting at most; past it requests get 503 and their probes retry later. */
  static final int QUEUE_CAPACITY = 20_000;

  /**
   * A report waiting to be written, and where its answer goes. Its row is made by the request's
   * thread, so the one writer thread only stamps it with the commit's time.
   */
  record Pending(
      long projectId,
      Report report,
      StoredReport row,
      String secretHash,
      CompletableFuture<Receipt> result) {

    Pending(
        long projectId,
        Report report,
        String rawJson,
        String secretHash,
        boolean demo,
        CompletableFuture<Receipt> result) {
      this(
          projectId,
          report,
          ReportRows.of(projectId, report, rawJson, null, demo),
          secretHash,
          result);
    }
  }

  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final List<ReportStorageListener> listeners;
  private volatile boolean running;
  private Thread thread;

  BatchWriter(
      JdbcTemplate jdbc,
      PlatformTransactionManager txManager,
      Clock clock,
      List<ReportStorageListener> listeners,
      io.micrometer.core.instrument.MeterRegistry meters) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.tx = new TransactionTemplate(txManager);
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
    // Read by operators and the dashboard's ingest health.
    io.micrometer.core.instrument.Gauge.builder(
            "shimwatch.ingest.queue", queue, BlockingQueue::size)
        .description("Reports waiting for the writer")
        .register(meters);
    io.micrometer.core.instrument.Gauge.builder(
            "shimwatch.ingest.queue.capacity", () -> QUEUE_CAPACITY)
        .description("Reports that may wait before ingest answers 503")
        .register(meters);
  }

  CompletableFuture<Receipt> submit(Pending p) {
    if (!running) {
      // Before start (runners at startup) or after stop: write it on the caller's thread.
      writeBatch(List.of(p));
      return p.result();
    }
    if (!queue.offer(p)) {
      p.result()
          .completeExceptionally(
              new StoreUnavailable(
                  "overloaded",
                  "the server has more reports waiting than it can hold; send it again later"));
    }
    return p.result();
  }

  Optional<Receipt> existing(long projectId, UUID reportId) {
    List<Receipt> r =
        jdbc.query(
            "SELECT received_at FROM report WHERE project_id = ? AND report_id = ?",
            (rs, i) -> new Receipt(reportId, rs.getTimestamp(1).toInstant(), true),
            projectId,
            reportId);
    return r.stream().findFirst();
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        long t0 = System.nanoTime();
        writeBatch(batch);
        if (log.isDebugEnabled()) {
          log.debug(
              "report writer: {} reports in {} us", batch.size(), (System.nanoTime() - t0) / 1000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("report writer: a batch of {} failed", batch.size(), e);
        batch.forEach(p -> p.result().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** Writes a batch in one transaction; on a race with another instance, one by one. */
  private void writeBatch(List<Pending> batch) {
    List<Runnable> answers;
    try {
      answers = tx.execute(s -> write(batch));
    } catch (DataIntegrityViolationException race) {
      for (Pending p : batch) {
        try {
          List<Runnable> one = tx.execute(s -> write(List.of(p)));
          one.forEach(Runnable::run);
        } catch (DataIntegrityViolationException again) {
          // Lost the race for this very report: the winner's receipt is the answer.
          Optional<Receipt> winner = existing(p.projectId(), p.report().reportId());
          if (winner.isPresent()) {
            p.result().complete(winner.get());
          } else {
            p.result().completeExceptionally(again);
          }
        } catch (RuntimeException e) {
          p.result().completeExceptionally(e);
        }
      }
      return;
    } catch (RuntimeException e) {
      batch.forEach(p -> p.result().completeExceptionally(e));
      return;
    }
    // Answer only after the commit.
    answers.forEach(Runnable::run);
  }

  /** Inside a transaction: decides each report's fate, inserts, returns the answers to give. */
  private List<Runnable> write(List<Pending> batch) {
    List<Runnable> answers = new ArrayList<>(batch.size());
    // Microseconds: what both H2 and PostgreSQL keep, so a receipt read back is identical.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // Before any read or write: listeners that lock (the rollups) take their locks first.
    List<Long> projects = batch.stream().map(Pending::projectId).distinct().sorted().toList();
    listeners.forEach(l -> l.beforeStoring(projects));

    Map<String, Instant> stored = storedReceipts(batch);
    Map<UUID, String> owners = installationSecrets(batch);
    Map<UUID, String> newInstallations = new LinkedHashMap<>();
    Map<String, Instant> inBatch = new HashMap<>();
    List<StoredReport> rows = new ArrayList<>();
    List<Report> rowReports = new ArrayList<>();

    for (Pending p : batch) {
      Report r = p.report();
      UUID inst = r.installationId();
      String owner = owners.getOrDefault(inst, newInstallations.get(inst));
      if (owner != null && !Secrets.sameHash(owner, p.secretHash())) {
        answers.add(
            () ->
                p.result()
                    .completeExceptionally(
                        new ForeignInstallation(
                            "installation-secret-mismatch",
                            "this installation id is registered with another installation"
                                + " secret")));
        continue;
      }
      String key = p.projectId() + "/" + r.reportId();
      Instant earlier = stored.containsKey(key) ? stored.get(key) : inBatch.get(key);
      if (earlier != null) {
        answers.add(() -> p.result().complete(new Receipt(r.reportId(), earlier, true)));
        continue;
      }
      if (owner == null) {
        newInstallations.put(inst, p.secretHash());
      }
      inBatch.put(key, now);
      StoredReport row = p.row();
      row.receivedAt = now;
      rows.add(row);
      rowReports.add(r);
      answers.add(() -> p.result().complete(new Receipt(r.reportId(), now, false)));
    }

    if (!newInstallations.isEmpty()) {
      Timestamp at = Timestamp.from(now);
      jdbc.batchUpdate(
          "INSERT INTO installation (id, secret_hash, created_at) VALUES (?, ?, ?)",
          newInstallations.entrySet().stream()
              .map(e -> new Object[] {e.getKey(), e.getValue(), at})
              .toList());
    }
    if (!rows.isEmpty()) {
      ReportColumn.insert(jdbc, rows);
      // Rollups are updated in this transaction: they commit with the reports or not at all.
      listeners.forEach(l -> l.stored(rows, rowReports));
    }
    return answers;
  }

  private Map<String, Instant> storedReceipts(List<Pending> batch) {
    Map<String, Instant> found = new HashMap<>();
    List<UUID> ids = batch.stream().map(p -> p.report().reportId()).distinct().toList();
    // By report id alone, so both databases use ix_report_report_id; the project is part of the
    // key the rows are matched by.
    named.query(
        "SELECT project_id, report_id, received_at FROM report WHERE report_id IN (:ids)",
        new MapSqlParameterSource("ids", ids),
        rs -> {
          found.put(
              rs.getLong(1) + "/" + rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant());
        });
    return found;
  }

  private Map<UUID, String> installationSecrets(List<Pending> batch) {
    Map<UUID, String> found = new HashMap<>();
    List<UUID> ids = batch.stream().map(p -> p.report().installationId()).distinct().toList();
    named.query(
        "SELECT id, secret_hash FROM installation WHERE id IN (:ids)",
        new MapSqlParameterSource("ids", ids),
        rs -> {
          found.put(rs.getObject(1, UUID.class), rs.getString(2));
        });
    return found;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "report-writer");
    thread.setDaemon(false);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        // The loop drains what is queued before it ends.
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Low phase: stops after the web server's graceful shutdown has finished its requests. */
  @Override
  public int getPhase() {
    return 0;
  }
}
