package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.Trap;
import org.shimwatch.server.rollup.ReportChildren;

/**
 * Migration 15: kernel trap screens are grouped by trap number, module and the place the screen
 * shows (CS:EIP, or an internal processing error's location) instead of all falling into one group
 * per module. The trap rows get a {@code trap_location} column, filled for the trap screens already
 * stored from their raw documents (where retention left them; a pruned one keeps only its trap
 * number and module), and every project with a trap screen is queued for a rollup rebuild, which
 * signs its traps again on the next start ({@code RollupBackfill}).
 *
 * <p>Written in Java because the location is read from the stored JSON; the statements it runs are
 * the same on H2 and PostgreSQL.
 */
public class V15__locate_kernel_traps extends BaseJavaMigration {

  /** Trap rows updated per JDBC batch. */
  private static final int BATCH = 1_000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE report_trap ADD COLUMN trap_location VARCHAR(24)");
    }
    locateAndQueue(c);
  }

  /**
   * Fills the location of the stored trap screens that have none and queues their projects for a
   * rebuild. Public for the test that runs it on a database the server already uses.
   */
  public static void locateAndQueue(Connection c) throws Exception {
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT t.project_id, t.report_id, t.trap_index, r.raw_json FROM report_trap t"
                    + " JOIN report r ON r.report_id = t.report_id AND r.project_id ="
                    + " t.project_id WHERE t.source = 'os2-trap-screen' AND t.trap_location IS NULL"
                    + " AND r.raw_json IS NOT NULL");
        PreparedStatement write =
            c.prepareStatement(
                "UPDATE report_trap SET trap_location = ? WHERE project_id = ? AND report_id = ?"
                    + " AND trap_index = ?")) {
      read.setFetchSize(BATCH);
      int batched = 0;
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          String location = location(rs.getString(4), rs.getInt(3));
          if (location == null) {
            continue;
          }
          write.setString(1, location);
          write.setLong(2, rs.getLong(1));
          write.setObject(3, rs.getObject(2, UUID.class));
          write.setInt(4, rs.getInt(3));
          write.addBatch();
          if (++batched == BATCH) {
            write.executeBatch();
            batched = 0;
          }
        }
      }
      if (batched > 0) {
        write.executeBatch();
      }
    }
    try (Statement s = c.createStatement()) {
      // max_report_row 0: nothing to restore, only a rebuild, which signs every trap again.
      s.execute(
          "INSERT INTO rollup_pending (project_id, max_report_row) SELECT DISTINCT t.project_id, 0"
              + " FROM report_trap t WHERE t.source = 'os2-trap-screen' AND NOT EXISTS (SELECT 1"
              + " FROM rollup_pending q WHERE q.project_id = t.project_id)");
    }
  }

  /** The kernel location of one trap of a stored document, or {@code null}. */
  private static String location(String raw, int index) {
    Report report;
    try {
      report = ReportJson.mapper().readValue(raw, Report.class);
    } catch (RuntimeException e) {
      // A document that no longer reads keeps its trap number and module only.
      return null;
    }
    if (report.traps() == null || index < 0 || index >= report.traps().size()) {
      return null;
    }
    Trap t = report.traps().get(index);
    String l = ReportChildren.kernelLocation(t);
    return l != null && l.length() <= 24 ? l : null;
  }
}
