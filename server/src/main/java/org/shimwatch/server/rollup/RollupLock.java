package org.shimwatch.server.rollup;

import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serializes every change to a project's rollups, across threads and server instances: the report
 * writer, deletions and rebuilds lock the project's row until they commit. Rollup updates are
 * read-modify-write (histograms, membership rows that appear and vanish), so two at once could lose
 * a count. Every such transaction takes the lock before its first write, and several projects in id
 * order, so none can hold a row another waits for while it waits for the lock. Readers take no
 * lock: they read the last committed state.
 */
@Component
public class RollupLock {

  private final JdbcTemplate jdbc;

  RollupLock(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Locks these projects until the current transaction ends. */
  public void lock(Collection<Long> projectIds) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("a rollup lock outside a transaction would end at once");
    }
    projectIds.stream()
        .distinct()
        .sorted()
        .forEach(
            id ->
                jdbc.queryForList(
                    "SELECT id FROM project WHERE id = ? FOR UPDATE", Long.class, id));
  }
}
