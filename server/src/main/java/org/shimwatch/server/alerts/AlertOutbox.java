package org.shimwatch.server.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the parts that notice something worth telling write it down: one row in {@code
 * alert_event}, in the caller's transaction. The row commits with its cause or not at all, and the
 * {@link AlertDispatcher} sends it later on its own threads, so nothing here waits for a receiver.
 */
@Component
public class AlertOutbox {

  /** A trap signature seen for the first time. */
  public static final String NEW_TRAP_GROUP = "new-trap-group";

  /** New traps in a group marked fixed, from the fixed version or later. */
  public static final String TRAP_GROUP_REGRESSED = "trap-group-regressed";

  /** A new regression flag between two shim versions. */
  public static final String REGRESSION_FLAG = "regression-flag";

  /** Many more refused reports than usual. */
  public static final String REFUSED_SPIKE = "refused-reports-spike";

  /** Sent by a maintainer to check a subscription. */
  static final String TEST = "test";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AlertDispatcher dispatcher;

  AlertOutbox(JdbcTemplate jdbc, Clock clock, AlertDispatcher dispatcher) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.dispatcher = dispatcher;
  }

  /**
   * Queues an alert.
   *
   * @param subject what it is about, the unit of the once-per-window rule, e.g. {@code
   *     trap-group:42}
   * @param path the page that explains it, relative to the server; {@code {project}} in it becomes
   *     the project's slug
   */
  public void raise(long projectId, String kind, String subject, String summary, String path) {
    String slug =
        jdbc.queryForObject("SELECT slug FROM project WHERE id = ?", String.class, projectId);
    String link =
        UriComponentsBuilder.fromUriString(path)
            .queryParam("project", slug)
            .build()
            .encode()
            .toUriString();
    insert(projectId, kind, subject, summary, link, "new");
  }

  long insert(
      long projectId, String kind, String subject, String summary, String link, String state) {
    org.springframework.jdbc.support.GeneratedKeyHolder keys =
        new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(
        c -> {
          var ps =
              c.prepareStatement(
                  "INSERT INTO alert_event (project_id, kind, subject, summary, link, created_at,"
                      + " state) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setLong(1, projectId);
          ps.setString(2, kind);
          ps.setString(3, cut(subject, 256));
          ps.setString(4, cut(summary, 1000));
          ps.setString(5, cut(link, 1000));
          ps.setTimestamp(6, Timestamp.from(clock.instant()));
          ps.setString(7, state);
          return ps;
        },
        keys);
    wakeAfterCommit();
    return keys.getKey().longValue();
  }

  /**
   * Wakes the dispatcher once this transaction commits, so an alert goes out at once rather than at
   * the next poll; the poll still finds it if the wake is lost (a crash right after the commit).
   */
  private void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              dispatcher.wake();
            }
          });
    } else {
      dispatcher.wake();
    }
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
