package org.shimwatch.server.alerts;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.shimwatch.web.insight.InsightQuery;
import org.shimwatch.web.insight.RegressionFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares each project's regression flags (the same ones the overview shows) with those already
 * told about, now and then, and raises an alert for each new one. Flags told about are kept, so a
 * flag that stays is told once, and a restart tells nothing again. The first time a database is
 * watched (a new server, or one upgraded from before alerts), the flags already there are recorded
 * as told without an alert: they are old news, and would otherwise all arrive at once.
 */
@Component
class RegressionWatch {

  private static final Logger log = LoggerFactory.getLogger(RegressionWatch.class);

  private final InsightQuery insight;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AlertOutbox outbox;
  private final AlertProperties props;
  private final Clock clock;

  /** Whether this database's flags at first watch are known to be recorded. */
  private boolean baselined;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "alert-regressions");
            t.setDaemon(true);
            return t;
          });

  RegressionWatch(
      InsightQuery insight,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      AlertOutbox outbox,
      AlertProperties props,
      Clock clock) {
    this.insight = insight;
    this.jdbc = jdbc;
    this.tx = tx;
    this.outbox = outbox;
    this.props = props;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    try {
      baseline();
    } catch (RuntimeException e) {
      // check() tries again before it compares anything.
      log.warn("Recording the regression flags already there failed: {}", e.toString());
    }
    long every = Math.max(1000, props.regressionCheck().toMillis());
    timer.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      log.warn("Regression flag check failed: {}", e.toString());
    }
  }

  /**
   * Once per database: records every project's current flags as told, without alerting, unless that
   * was done before. Answers how many flags were recorded (0 when it had been done).
   */
  synchronized int baseline() {
    if (baselined) {
      return 0;
    }
    Integer done =
        jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag_baseline WHERE id = 1", Integer.class);
    if (done != null && done > 0) {
      baselined = true;
      return 0;
    }
    Map<Long, List<RegressionFlag>> now = new LinkedHashMap<>();
    for (Map<String, Object> p : jdbc.queryForList("SELECT id, slug FROM project ORDER BY id")) {
      now.put(
          ((Number) p.get("id")).longValue(),
          insight.regressions((String) p.get("slug")).orElse(List.of()));
    }
    int recorded =
        tx.execute(
            s -> {
              int n = 0;
              for (Map.Entry<Long, List<RegressionFlag>> e : now.entrySet()) {
                Set<String> seen = seen(e.getKey());
                for (RegressionFlag f : e.getValue()) {
                  if (seen.add(key(f))) {
                    markSeen(e.getKey(), key(f));
                    n++;
                  }
                }
              }
              // The primary key makes a second server racing for the same database roll back.
              jdbc.update(
                  "INSERT INTO alert_flag_baseline (id, taken_at, flags) VALUES (1, ?, ?)",
                  Timestamp.from(clock.instant()),
                  n);
              return n;
            });
    baselined = true;
    if (recorded > 0) {
      log.info("{} regression flags already there recorded as told, without alerts", recorded);
    }
    return recorded;
  }

  /** Checks every project; answers how many new flags were raised. */
  synchronized int check() {
    baseline();
    int raised = 0;
    for (Map<String, Object> p : jdbc.queryForList("SELECT id, slug FROM project ORDER BY id")) {
      long id = ((Number) p.get("id")).longValue();
      String slug = (String) p.get("slug");
      List<RegressionFlag> flags = insight.regressions(slug).orElse(List.of());
      if (!flags.isEmpty()) {
        raised += tx.execute(s -> raiseNew(id, flags));
      }
    }
    return raised;
  }

  private Set<String> seen(long projectId) {
    return new HashSet<>(
        jdbc.queryForList(
            "SELECT flag FROM alert_flag_seen WHERE project_id = ?", String.class, projectId));
  }

  private void markSeen(long projectId, String key) {
    jdbc.update(
        "INSERT INTO alert_flag_seen (project_id, flag, seen_at) VALUES (?, ?, ?)",
        projectId,
        key,
        Timestamp.from(clock.instant()));
  }

  private int raiseNew(long projectId, List<RegressionFlag> flags) {
    Set<String> seen = seen(projectId);
    int raised = 0;
    for (RegressionFlag f : flags) {
      String key = key(f);
      if (seen.add(key)) {
        markSeen(projectId, key);
        outbox.raise(
            projectId,
            AlertOutbox.REGRESSION_FLAG,
            "regression:" + key,
            "Shim "
                + f.toShim()
                + " does worse than "
                + f.fromShim()
                + " on "
                + f.platform()
                + " with "
                + f.stack()
                + " ("
                + String.join(", ", f.reasons())
                + ").",
            "/maintainer");
        raised++;
      }
    }
    return raised;
  }

  static String key(RegressionFlag f) {
    String k = f.platform() + "|" + f.stack() + "|" + f.fromShim() + "|" + f.toShim();
    return k.length() <= 500 ? k : k.substring(0, 500);
  }
}
