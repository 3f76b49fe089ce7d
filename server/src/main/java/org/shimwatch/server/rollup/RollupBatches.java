package org.shimwatch.server.rollup;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How every rollup writes: one statement run for many rows of arguments as JDBC batches, in the
 * order the rollup calls them, inside the caller's transaction and so under the project's {@link
 * RollupLock}. A batch holds at most {@link #ROWS} rows.
 */
public final class RollupBatches {

  /** Rows per JDBC batch: bounds one batch's memory when a rebuild writes a whole project. */
  static final int ROWS = 5_000;

  private final JdbcTemplate jdbc;

  public RollupBatches(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Runs {@code sql} once for each row of arguments, in their order.
   *
   * @return how many table rows each run changed, in the same order; nothing is sent for no
   *     arguments
   */
  public int[] run(String sql, List<Object[]> args) {
    if (args.isEmpty()) {
      return new int[0];
    }
    if (args.size() <= ROWS) {
      return jdbc.batchUpdate(sql, args);
    }
    int[] all = new int[args.size()];
    for (int i = 0; i < args.size(); i += ROWS) {
      int[] part = jdbc.batchUpdate(sql, args.subList(i, Math.min(args.size(), i + ROWS)));
      System.arraycopy(part, 0, all, i, part.length);
    }
    return all;
  }
}
