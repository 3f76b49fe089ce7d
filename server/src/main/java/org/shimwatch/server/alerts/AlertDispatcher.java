package org.shimwatch.server.alerts;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the outbox on its own thread, right after a transaction that wrote to it commits and every
 * poll interval besides, and sends on a small bounded pool, never on a request or ingest thread. A
 * new alert whose subject had one within the window is dropped; else it becomes one delivery per
 * subscription of its project. A delivery is tried until it is delivered or its tries are used,
 * waiting longer after each failure. Everything is in the database: a restart goes on where it
 * stopped, and a delivery claimed by a server that died is taken up again once its claim runs out.
 */
@Component
class AlertDispatcher {

  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

  /** Alerts read from the outbox per poll. */
  private static final int BATCH = 100;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AlertChannels channels;
  private final AlertProperties props;
  private final Clock clock;
  private final org.springframework.core.env.Environment env;
  private final ThreadPoolExecutor senders;
  private final ScheduledExecutorService poller;
  private final AtomicInteger busy = new AtomicInteger();

  AlertDispatcher(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      AlertChannels channels,
      AlertProperties props,
      Clock clock,
      org.springframework.core.env.Environment env) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.channels = channels;
    this.props = props;
    this.clock = clock;
    this.env = env;
    int n = Math.max(1, props.senders());
    this.senders =
        new ThreadPoolExecutor(
            n,
            n,
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(n),
            r -> {
              Thread t = new Thread(r, "alert-sender");
              t.setDaemon(true);
              return t;
            });
    this.senders.allowCoreThreadTimeOut(true);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alert-outbox");
              t.setDaemon(true);
              return t;
            });
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    long every = Math.max(10, props.pollInterval().toMillis());
    poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    started = true;
  }

  /** Polls now, on the outbox thread; wakes asked for while one is waiting make one poll. */
  void wake() {
    if (started && wakeQueued.compareAndSet(false, true)) {
      try {
        poller.execute(
            () -> {
              wakeQueued.set(false);
              pollSafely();
            });
      } catch (RejectedExecutionException stopping) {
        wakeQueued.set(false);
      }
    }
  }

  private final java.util.concurrent.atomic.AtomicBoolean wakeQueued =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean started;

  @PreDestroy
  void stop() {
    poller.shutdownNow();
    senders.shutdown();
  }

  /** The absolute address of a link path. */
  String absolute(String link) {
    String url = props.publicUrl().strip();
    if (url.isEmpty()) {
      // The port the server listens on, once it does (a random one in tests).
      url =
          "http://localhost:"
              + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    }
    return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + link;
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      // The database may be briefly away (a restart of PostgreSQL): the next poll tries again,
      // and the log says so once a minute, not at every poll.
      long now = System.nanoTime();
      if (lastWarning == 0 || now - lastWarning > TimeUnit.MINUTES.toNanos(1)) {
        lastWarning = now;
        log.warn("Alert outbox poll failed (retrying every poll): {}", e.toString());
      }
    }
  }

  /** When the last poll failure was logged (System.nanoTime), or 0. */
  private volatile long lastWarning;

  /** One round: turn new alerts into deliveries, then start the deliveries that are due. */
  void poll() {
    fanOut();
    sendDue();
    long now = System.nanoTime();
    if (lastPrune == 0 || now - lastPrune > TimeUnit.HOURS.toNanos(1)) {
      lastPrune = now;
      prune();
    }
  }

  /** When old alerts were last removed (System.nanoTime), or 0. */
  private long lastPrune;

  /** How long finished alerts and their deliveries stay, for the delivery log. */
  static final java.time.Duration KEEP = java.time.Duration.ofDays(30);

  /**
   * Removes alerts older than {@link #KEEP} whose deliveries are finished, and window marks older
   * than the window, so the tables stay small.
   */
  void prune() {
    Instant now = clock.instant();
    Timestamp old = Timestamp.from(now.minus(KEEP));
    String done =
        "SELECT id FROM alert_event e WHERE e.created_at < ? AND e.state <> 'new' AND NOT EXISTS"
            + " (SELECT 1 FROM alert_delivery d WHERE d.event_id = e.id AND d.state IN"
            + " ('pending', 'sending'))";
    jdbc.update("DELETE FROM alert_delivery WHERE event_id IN (" + done + ")", old);
    jdbc.update("DELETE FROM alert_event WHERE id IN (" + done + ")", old);
    jdbc.update(
        "DELETE FROM alert_subject WHERE last_alert_at < ?",
        Timestamp.from(now.minus(props.dedupWindow())));
  }

  void fanOut() {
    List<Long> fresh =
        jdbc.queryForList(
            "SELECT id FROM alert_event WHERE state = 'new' ORDER BY id FETCH FIRST "
                + BATCH
                + " ROWS ONLY",
            Long.class);
    for (long id : fresh) {
      tx.executeWithoutResult(s -> fanOut(id));
    }
  }

  private void fanOut(long eventId) {
    if (jdbc.update(
            "UPDATE alert_event SET state = 'dispatching' WHERE id = ? AND state = 'new'", eventId)
        == 0) {
      return; // another server took it
    }
    var e =
        jdbc.queryForMap(
            "SELECT project_id, subject, created_at FROM alert_event WHERE id = ?", eventId);
    long project = ((Number) e.get("project_id")).longValue();
    String subject = (String) e.get("subject");
    Instant now = clock.instant();
    boolean send = claimSubject(project, subject, now);
    if (send) {
      jdbc.update(
          "INSERT INTO alert_delivery (event_id, subscription_id, state, attempts, next_try_at)"
              + " SELECT ?, id, 'pending', 0, ? FROM alert_subscription WHERE project_id = ?",
          eventId,
          Timestamp.from(now),
          project);
    }
    jdbc.update(
        "UPDATE alert_event SET state = ? WHERE id = ?", send ? "sent" : "suppressed", eventId);
  }

  /** True when the subject had no alert within the window; records this one. */
  private boolean claimSubject(long project, String subject, Instant now) {
    Timestamp cutoff = Timestamp.from(now.minus(props.dedupWindow()));
    int updated =
        jdbc.update(
            "UPDATE alert_subject SET last_alert_at = ? WHERE project_id = ? AND subject = ? AND"
                + " last_alert_at <= ?",
            Timestamp.from(now),
            project,
            subject,
            cutoff);
    if (updated > 0) {
      return true;
    }
    Integer known =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM alert_subject WHERE project_id = ? AND subject = ?",
            Integer.class,
            project,
            subject);
    if (known != null && known > 0) {
      return false;
    }
    jdbc.update(
        "INSERT INTO alert_subject (project_id, subject, last_alert_at) VALUES (?, ?, ?)",
        project,
        subject,
        Timestamp.from(now));
    return true;
  }

  void sendDue() {
    int free = senders.getMaximumPoolSize() * 2 - busy.get();
    if (free <= 0) {
      return;
    }
    Instant now = clock.instant();
    List<Object[]> due =
        jdbc.query(
            "SELECT id, attempts FROM alert_delivery WHERE state IN ('pending', 'sending') AND"
                + " next_try_at <= ? ORDER BY next_try_at FETCH FIRST "
                + free
                + " ROWS ONLY",
            (rs, i) -> new Object[] {rs.getLong(1), rs.getInt(2)},
            Timestamp.from(now));
    // A claim lasts past the longest a try can take; a server that dies mid-try leaves it to
    // run out, and the delivery is tried again.
    Instant lease =
        now.plus(props.connectTimeout()).plus(props.sendTimeout()).plus(props.sendTimeout());
    for (Object[] d : due) {
      long id = (Long) d[0];
      int attempts = (Integer) d[1];
      int claimed =
          jdbc.update(
              "UPDATE alert_delivery SET state = 'sending', next_try_at = ? WHERE id = ? AND"
                  + " attempts = ? AND state IN ('pending', 'sending') AND next_try_at <= ?",
              Timestamp.from(lease),
              id,
              attempts,
              Timestamp.from(now));
      if (claimed == 0) {
        continue;
      }
      busy.incrementAndGet();
      try {
        senders.execute(
            () -> {
              try {
                attempt(id, attempts);
              } catch (RuntimeException e) {
                log.warn("Alert delivery {} could not be recorded: {}", id, e.toString());
              } finally {
                busy.decrementAndGet();
              }
            });
      } catch (RejectedExecutionException full) {
        busy.decrementAndGet();
        // Left claimed: it is taken up again when the claim runs out.
      }
    }
  }

  /** One try of one delivery, and its outcome written down. */
  void attempt(long deliveryId, int attemptsBefore) {
    var rows =
        jdbc.queryForList(
            "SELECT e.kind, e.subject, e.summary, e.link, e.created_at, p.slug, s.channel,"
                + " s.target, s.secret FROM alert_delivery d JOIN alert_event e ON e.id ="
                + " d.event_id JOIN project p ON p.id = e.project_id LEFT JOIN alert_subscription s"
                + " ON s.id = d.subscription_id WHERE d.id = ?",
            deliveryId);
    if (rows.isEmpty()) {
      return;
    }
    var r = rows.get(0);
    int tries = attemptsBefore + 1;
    Instant now = clock.instant();
    if (r.get("channel") == null) {
      record(deliveryId, "failed", tries, now, "unsubscribed", null);
      return;
    }
    Instant created = AlertService.instant(r, "created_at");
    AlertChannels.Alert alert =
        new AlertChannels.Alert(
            (String) r.get("kind"),
            (String) r.get("slug"),
            (String) r.get("subject"),
            (String) r.get("summary"),
            absolute((String) r.get("link")),
            created.toString());
    String channel = (String) r.get("channel");
    try {
      String result =
          channels.send(channel, (String) r.get("target"), (String) r.get("secret"), alert);
      record(deliveryId, "delivered", tries, clock.instant(), result, null);
    } catch (AlertChannels.NotDelivered e) {
      Instant after = clock.instant();
      if (e.permanent || tries >= props.maxAttempts()) {
        record(deliveryId, "failed", tries, after, e.getMessage(), null);
        log.info(
            "Alert delivery {} ({}) failed for good after {} tries: {}",
            deliveryId,
            channel,
            tries,
            e.getMessage());
      } else {
        Instant next = after.plus(Backoff.after(tries, props.firstRetry(), props.maxRetry()));
        record(deliveryId, "pending", tries, after, e.getMessage(), next);
      }
    }
  }

  private void record(
      long id, String state, int tries, Instant at, String result, Instant nextTry) {
    String r = result == null ? "" : result;
    if (r.length() > 300) {
      r = r.substring(0, 299) + "…";
    }
    Instant next = nextTry == null ? at : nextTry;
    jdbc.update(
        "UPDATE alert_delivery SET state = ?, attempts = ?, last_try_at = ?, last_result = ?,"
            + " next_try_at = ?, delivered_at = ? WHERE id = ?",
        state,
        tries,
        Timestamp.from(at),
        r,
        Timestamp.from(next),
        state.equals("delivered") ? Timestamp.from(at) : null,
        id);
  }
}
