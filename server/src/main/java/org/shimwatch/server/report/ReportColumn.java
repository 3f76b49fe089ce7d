package org.shimwatch.server.report;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The columns of the {@code report} table, described once beside the migrations that make it: the
 * report writer's INSERT and the setting of its parameters, and the reading of stored rows back
 * into a {@link StoredReport}, all come from this list. A storage contract test holds it to the
 * table the migrations make, on H2 and on PostgreSQL: the same names, types and nullability.
 *
 * <p>Each column names its field of {@link StoredReport}; the three without one are set by others
 * than the writer (the database, retention, comment moderation), so a new row leaves them out.
 */
public enum ReportColumn {
  /** Made by the database. */
  ID("id", Type.LONG, false, null, null),
  PROJECT_ID("project_id", Type.LONG, false, r -> r.projectId, (r, v) -> r.projectId = (Long) v),
  REPORT_ID("report_id", Type.UUID, false, r -> r.reportId, (r, v) -> r.reportId = (UUID) v),
  INSTALLATION_ID(
      "installation_id",
      Type.UUID,
      false,
      r -> r.installationId,
      (r, v) -> r.installationId = (UUID) v),
  RECEIVED_AT(
      "received_at", Type.INSTANT, false, r -> r.receivedAt, (r, v) -> r.receivedAt = (Instant) v),
  CREATED_AT(
      "created_at", Type.INSTANT, false, r -> r.createdAt, (r, v) -> r.createdAt = (Instant) v),
  CONSENT_LEVEL(
      "consent_level",
      Type.SHORT,
      false,
      r -> r.consentLevel,
      (r, v) -> r.consentLevel = (Short) v),
  SOURCE("source", Type.TEXT, true, r -> r.source, (r, v) -> r.source = (String) v),
  OUTCOME("outcome", Type.TEXT, false, r -> r.outcome, (r, v) -> r.outcome = (String) v),
  OS_FAMILY("os_family", Type.TEXT, false, r -> r.osFamily, (r, v) -> r.osFamily = (String) v),
  OS_NAME("os_name", Type.TEXT, true, r -> r.osName, (r, v) -> r.osName = (String) v),
  OS_VERSION("os_version", Type.TEXT, true, r -> r.osVersion, (r, v) -> r.osVersion = (String) v),
  OS_REVISION(
      "os_revision", Type.TEXT, true, r -> r.osRevision, (r, v) -> r.osRevision = (String) v),
  STACK_NAME("stack_name", Type.TEXT, true, r -> r.stackName, (r, v) -> r.stackName = (String) v),
  STACK_VERSION(
      "stack_version", Type.TEXT, true, r -> r.stackVersion, (r, v) -> r.stackVersion = (String) v),
  STACK_LEVEL(
      "stack_level", Type.TEXT, true, r -> r.stackLevel, (r, v) -> r.stackLevel = (String) v),
  FIXES_KEY("fixes_key", Type.TEXT, false, r -> r.fixesKey, (r, v) -> r.fixesKey = (String) v),
  RUNTIME_NAME(
      "runtime_name", Type.TEXT, true, r -> r.runtimeName, (r, v) -> r.runtimeName = (String) v),
  RUNTIME_VERSION(
      "runtime_version",
      Type.TEXT,
      true,
      r -> r.runtimeVersion,
      (r, v) -> r.runtimeVersion = (String) v),
  CLIENT_NAME(
      "client_name", Type.TEXT, false, r -> r.clientName, (r, v) -> r.clientName = (String) v),
  CLIENT_VERSION(
      "client_version",
      Type.TEXT,
      true,
      r -> r.clientVersion,
      (r, v) -> r.clientVersion = (String) v),
  SHIM_VERSION(
      "shim_version", Type.TEXT, true, r -> r.shimVersion, (r, v) -> r.shimVersion = (String) v),
  INSTALL_MODE(
      "install_mode", Type.TEXT, false, r -> r.installMode, (r, v) -> r.installMode = (String) v),
  TRAP_COUNT("trap_count", Type.INT, false, r -> r.trapCount, (r, v) -> r.trapCount = (Integer) v),
  SELF_TEST_FAILURES(
      "self_test_failures",
      Type.INT,
      false,
      r -> r.selfTestFailures,
      (r, v) -> r.selfTestFailures = (Integer) v),
  HAS_METRICS(
      "has_metrics", Type.BOOLEAN, false, r -> r.hasMetrics, (r, v) -> r.hasMetrics = (Boolean) v),
  /** The calls as {@link CallRow#format} text; read back, they are parsed into the row's calls. */
  CALLS(
      "calls",
      Type.TEXT,
      false,
      r -> r.calls,
      (r, v) -> {
        r.calls = (String) v;
        r.callRows = CallRow.parse(r.calls);
      }),
  FD_ABOVE_SETSIZE(
      "fd_above_setsize",
      Type.LONG,
      false,
      r -> r.fdAboveSetsize,
      (r, v) -> r.fdAboveSetsize = (Long) v),
  COMMENT_TEXT(
      "comment_text", Type.TEXT, true, r -> r.commentText, (r, v) -> r.commentText = (String) v),
  COMMENT_STATUS(
      "comment_status",
      Type.TEXT,
      false,
      r -> r.commentStatus,
      (r, v) -> r.commentStatus = (String) v),
  DEMO("demo", Type.BOOLEAN, false, r -> r.demo, (r, v) -> r.demo = (Boolean) v),
  RAW_JSON("raw_json", Type.TEXT, true, r -> r.rawJson, (r, v) -> r.rawJson = (String) v),
  /** Set by retention when it drops the raw document. */
  RAW_PRUNED_AT("raw_pruned_at", Type.INSTANT, true, null, null),
  /** Set when a maintainer decides on the comment. */
  COMMENT_DECIDED_AT("comment_decided_at", Type.INSTANT, true, null, null);

  /** How a column's values go into and come out of JDBC, with the setter of their own type. */
  enum Type {
    LONG,
    INT,
    SHORT,
    BOOLEAN,
    UUID,
    INSTANT,
    TEXT;

    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
      switch (this) {
        case LONG -> ps.setLong(index, (Long) value);
        case INT -> ps.setInt(index, (Integer) value);
        case SHORT -> ps.setShort(index, (Short) value);
        case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
        case UUID -> ps.setObject(index, value);
        case INSTANT ->
            ps.setTimestamp(index, value == null ? null : Timestamp.from((Instant) value));
        case TEXT -> ps.setString(index, (String) value);
      }
    }

    Object read(ResultSet rs, int index) throws SQLException {
      return switch (this) {
        case LONG -> rs.getLong(index);
        case INT -> rs.getInt(index);
        case SHORT -> rs.getShort(index);
        case BOOLEAN -> rs.getBoolean(index);
        case UUID -> rs.getObject(index, java.util.UUID.class);
        case INSTANT -> {
          Timestamp t = rs.getTimestamp(index);
          yield t == null ? null : t.toInstant();
        }
        case TEXT -> rs.getString(index);
      };
    }
  }

  /** The columns a new row is inserted with, in the order of {@link #INSERT}'s parameters. */
  static final List<ReportColumn> INSERTED =
      Arrays.stream(values()).filter(c -> c.get != null).toList();

  /** The insert of a new row. */
  static final String INSERT =
      "INSERT INTO report ("
          + select("", INSERTED)
          + ") VALUES ("
          + INSERTED.stream().map(c -> "?").collect(Collectors.joining(", "))
          + ")";

  private final String sqlName;
  private final Type type;
  private final boolean nullable;
  private final Function<StoredReport, Object> get;
  private final BiConsumer<StoredReport, Object> set;

  ReportColumn(
      String sqlName,
      Type type,
      boolean nullable,
      Function<StoredReport, Object> get,
      BiConsumer<StoredReport, Object> set) {
    this.sqlName = sqlName;
    this.type = type;
    this.nullable = nullable;
    this.get = get;
    this.set = set;
  }

  /** The column's name in SQL. */
  public String sqlName() {
    return sqlName;
  }

  Type type() {
    return type;
  }

  boolean nullable() {
    return nullable;
  }

  /**
   * Inserts these new rows with one JDBC batch, each parameter set with the setter of its column's
   * type: the generic path inspects every value's type, which for 31 columns of every report was a
   * noticeable share of the writer's time.
   */
  static void insert(JdbcTemplate jdbc, List<StoredReport> rows) {
    jdbc.batchUpdate(
        INSERT,
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            StoredReport row = rows.get(i);
            int index = 1;
            for (ReportColumn c : INSERTED) {
              c.type.bind(ps, index++, c.get.apply(row));
            }
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        });
  }

  /**
   * These columns as a select list, e.g. {@code r.project_id, r.report_id}.
   *
   * @param alias the table's alias, or {@code ""} for none
   */
  public static String select(String alias, List<ReportColumn> columns) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    return columns.stream().map(c -> prefix + c.sqlName).collect(Collectors.joining(", "));
  }

  /**
   * The current row of a result whose columns are {@code columns}, in that order (as {@link
   * #select} lists them); the row's other fields stay unset.
   *
   * @throws IllegalArgumentException for a column that is not part of a {@link StoredReport}
   */
  public static StoredReport read(ResultSet rs, List<ReportColumn> columns) throws SQLException {
    StoredReport row = new StoredReport();
    int index = 1;
    for (ReportColumn c : columns) {
      if (c.set == null) {
        throw new IllegalArgumentException(c.sqlName + " is not part of a stored report's row");
      }
      c.set.accept(row, c.type.read(rs, index++));
    }
    return row;
  }
}
