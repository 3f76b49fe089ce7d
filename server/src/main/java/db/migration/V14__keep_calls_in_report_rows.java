package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.shimwatch.report.CallKind;
import org.shimwatch.server.report.CallRow;

/**
 * Migration 14: a report's calls move from rows of their own ({@code report_call}) into the
 * report's row ({@code report.calls}, {@code report.fd_above_setsize}). Each stored call row was an
 * entry in two more B-trees for every report; in the row they cost a few hundred characters.
 * Written in Java because joining a report's rows into one text has no SQL that H2 and PostgreSQL
 * share; the statements it runs are the same on both.
 *
 * <p>Flyway finds it beside the SQL migrations and takes its version and description from the class
 * name, in lower case as it was applied ("keep calls in report rows"): databases migrated before it
 * moved here still validate. Like every Java migration it has no checksum.
 */
public class V14__keep_calls_in_report_rows extends BaseJavaMigration {

  /** Reports updated per JDBC batch. */
  private static final int BATCH = 1_000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE report ADD COLUMN calls VARCHAR(262144) DEFAULT '' NOT NULL");
      s.execute("ALTER TABLE report ADD COLUMN fd_above_setsize BIGINT DEFAULT 0 NOT NULL");
    }
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT project_id, report_id, call_kind, call_count, fd_above_setsize, latency,"
                    + " overshoot FROM report_call ORDER BY report_id, project_id");
        PreparedStatement write =
            c.prepareStatement(
                "UPDATE report SET calls = ?, fd_above_setsize = ? WHERE report_id = ? AND"
                    + " project_id = ?")) {
      // In the order of the table's key, so neither database sorts it: a report's rows come
      // together.
      read.setFetchSize(BATCH);
      Pending pending = new Pending(write);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          pending.add(
              rs.getLong(1),
              rs.getObject(2, UUID.class),
              new CallRow(
                  rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7)));
        }
      }
      pending.finish();
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE report_call");
    }
  }

  /** The calls of the report being read, and the updates not yet sent. */
  private static final class Pending {
    private final PreparedStatement write;
    private long projectId;
    private UUID reportId;
    private final List<CallRow> calls = new ArrayList<>();
    private int batched;

    Pending(PreparedStatement write) {
      this.write = write;
    }

    void add(long project, UUID report, CallRow call) throws Exception {
      if (reportId != null && (project != projectId || !Objects.equals(report, reportId))) {
        flushReport();
      }
      projectId = project;
      reportId = report;
      calls.add(call);
    }

    void finish() throws Exception {
      if (reportId != null) {
        flushReport();
      }
      if (batched > 0) {
        write.executeBatch();
      }
    }

    private void flushReport() throws Exception {
      // In the contract's order of call kinds, as ingest writes them.
      calls.sort(Comparator.comparingInt(r -> order(r.kind())));
      write.setString(1, CallRow.format(calls));
      write.setLong(2, CallRow.fdAboveSetsize(calls));
      write.setObject(3, reportId);
      write.setLong(4, projectId);
      write.addBatch();
      calls.clear();
      if (++batched == BATCH) {
        write.executeBatch();
        batched = 0;
      }
    }

    private static int order(String kind) {
      CallKind k = CallKind.ofWireName(kind);
      return k == null ? Integer.MAX_VALUE : k.ordinal();
    }
  }
}
