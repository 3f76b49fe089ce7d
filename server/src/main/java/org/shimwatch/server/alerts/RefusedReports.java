package org.shimwatch.server.alerts;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Counts refused reports per project in memory (one add on the ingest thread, nothing else) and,
 * once per window, raises an alert for a project whose count reached the threshold and is well
 * above its usual count per window. The usual count is a moving average of past windows, so a
 * project that always gets many refusals (an old probe nobody updates) is not alerted about every
 * hour; it is kept in the database after every window (for projects that exist) and read back when
 * the server starts, so a restart does not forget it.
 */
@Component
public class RefusedReports {

  private static final Logger log = LoggerFactory.getLogger(RefusedReports.class);

  /** Projects counted at once: refusals for made-up project names cannot grow the table. */
  static final int MAX_PROJECTS = 10_000;

  /** Weight of the newest window in the usual count. */
  static final double NEWEST = 0.2;

  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, Double> usual = new HashMap<>();
  private final AlertProperties props;
  private final JdbcTemplate jdbc;
  private final AlertOutbox outbox;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "alert-refusals");
            t.setDaemon(true);
            return t;
          });

  RefusedReports(AlertProperties props, JdbcTemplate jdbc, AlertOutbox outbox) {
    this.props = props;
    this.jdbc = jdbc;
    this.outbox = outbox;
  }

  /** A report to this project was refused (any reason: key, format, size, rate). */
  public void refused(String project) {
    if (project == null) {
      return;
    }
    LongAdder a = counts.get(project);
    if (a == null) {
      if (counts.size() >= MAX_PROJECTS) {
        return;
      }
      a = counts.computeIfAbsent(project, k -> new LongAdder());
    }
    a.increment();
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    try {
      load();
    } catch (RuntimeException e) {
      log.warn("Usual refused-report counts not read, starting from zero: {}", e.toString());
    }
    long every = Math.max(100, props.spikeWindow().toMillis());
    timer.scheduleAtFixedRate(this::closeWindowSafely, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  private void closeWindowSafely() {
    try {
      closeWindow();
    } catch (RuntimeException e) {
      log.warn("Refused-report count failed: {}", e.toString());
    }
  }

  /** Reads the usual counts kept by the last run. */
  synchronized void load() {
    jdbc.query(
        "SELECT p.slug, u.usual FROM alert_refusal_usual u JOIN project p ON p.id = u.project_id",
        rs -> {
          usual.put(rs.getString(1), rs.getDouble(2));
        });
  }

  /** Ends a window: judges each project's count, then folds it into the usual count. */
  synchronized void closeWindow() {
    Map<String, Long> window = new HashMap<>();
    for (String p : List.copyOf(counts.keySet())) {
      LongAdder a = counts.remove(p);
      if (a != null) {
        window.put(p, a.sum());
      }
    }
    for (String p : List.copyOf(usual.keySet())) {
      window.putIfAbsent(p, 0L);
    }
    window.forEach(
        (project, n) -> {
          double before = usual.getOrDefault(project, 0.0);
          if (isSpike(n, before, props.spikeThreshold(), props.spikeFactor())) {
            raise(project, n, before);
          }
          double after = before * (1 - NEWEST) + n * NEWEST;
          if (after < 0.01) {
            usual.remove(project);
          } else {
            usual.put(project, after);
          }
        });
    if (!window.isEmpty()) {
      keep(window.keySet());
    }
  }

  /** Writes the usual counts of these projects (those that exist), removing the ones now zero. */
  private void keep(Set<String> projects) {
    Map<String, Long> ids = new HashMap<>();
    jdbc.query(
        "SELECT slug, id FROM project",
        (RowCallbackHandler) rs -> ids.put(rs.getString(1), rs.getLong(2)));
    Timestamp now = Timestamp.from(Instant.now());
    for (String project : projects) {
      Long id = ids.get(project);
      if (id == null) {
        continue; // refusals for a name no project has: nothing to keep
      }
      Double u = usual.get(project);
      if (u == null) {
        jdbc.update("DELETE FROM alert_refusal_usual WHERE project_id = ?", id);
      } else if (jdbc.update(
              "UPDATE alert_refusal_usual SET usual = ?, updated_at = ? WHERE project_id = ?",
              u,
              now,
              id)
          == 0) {
        jdbc.update(
            "INSERT INTO alert_refusal_usual (project_id, usual, updated_at) VALUES (?, ?, ?)",
            id,
            u,
            now);
      }
    }
  }

  /** A spike: at least the threshold, and at least {@code factor} times the usual count. */
  static boolean isSpike(long count, double usual, int threshold, double factor) {
    return count >= threshold && count >= factor * usual;
  }

  private void raise(String slug, long n, double before) {
    List<Long> id = jdbc.queryForList("SELECT id FROM project WHERE slug = ?", Long.class, slug);
    if (id.isEmpty()) {
      return; // refusals for a project that does not exist: nobody to tell
    }
    outbox.raise(
        id.get(0),
        AlertOutbox.REFUSED_SPIKE,
        "refused-reports",
        n
            + " reports refused in "
            + props.spikeWindow().toSeconds()
            + " s (usually about "
            + Math.round(before)
            + "): a broken probe release, a revoked key still in use, or a flood.",
        "/maintainer");
  }
}
