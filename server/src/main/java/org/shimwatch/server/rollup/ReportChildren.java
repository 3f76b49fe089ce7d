package org.shimwatch.server.rollup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.shimwatch.diagnostics.os2.TrapScreenParser;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.Trap;
import org.shimwatch.server.report.CallRow;
import org.shimwatch.server.report.ReportColumn;
import org.shimwatch.server.report.StoredReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The parts of each report the analytics keep apart from its raw document: one row per trap ({@code
 * report_trap}) and the wrapped calls, kept in the report's own row ({@code report.calls}, see
 * {@link CallRow}). Retention prunes raw documents but not these, so a rebuild and a deletion
 * always find what ingest added: "rebuilt from raw reports" means from the report rows and trap
 * rows, never from pruned JSON.
 */
@Component
public class ReportChildren {

  private static final Map<Trap.TrapSource, String> SOURCE_NAMES =
      new EnumMap<>(Trap.TrapSource.class);

  static {
    for (Trap.TrapSource s : Trap.TrapSource.values()) {
      SOURCE_NAMES.put(s, ReportJson.mapper().valueToTree(s).asString());
    }
  }

  /** What the rollups read of a stored report's row. */
  private static final List<ReportColumn> ROLLED_COLUMNS =
      List.of(
          ReportColumn.PROJECT_ID,
          ReportColumn.REPORT_ID,
          ReportColumn.INSTALLATION_ID,
          ReportColumn.RECEIVED_AT,
          ReportColumn.CREATED_AT,
          ReportColumn.OUTCOME,
          ReportColumn.OS_FAMILY,
          ReportColumn.OS_NAME,
          ReportColumn.OS_VERSION,
          ReportColumn.STACK_NAME,
          ReportColumn.STACK_VERSION,
          ReportColumn.STACK_LEVEL,
          ReportColumn.FIXES_KEY,
          ReportColumn.CLIENT_NAME,
          ReportColumn.CLIENT_VERSION,
          ReportColumn.SHIM_VERSION,
          ReportColumn.INSTALL_MODE,
          ReportColumn.TRAP_COUNT,
          ReportColumn.SELF_TEST_FAILURES,
          ReportColumn.HAS_METRICS,
          ReportColumn.CALLS);

  private static final String SELECT_ROLLED =
      "SELECT " + ReportColumn.select("r", ROLLED_COLUMNS) + " FROM report r";

  /** Report ids per IN (...) when reading trap and call rows. */
  private static final int LOOKUP = 1_000;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TrapSigner signer;

  ReportChildren(JdbcTemplate jdbc, TrapSigner signer) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.signer = signer;
  }

  /** The rollup input of a report about to be stored as {@code row}. */
  public RolledReport of(StoredReport row, Report report) {
    return rolled(row, traps(report, row.getOsFamily()));
  }

  /** A report's row and trap rows as the rollups take them. */
  private static RolledReport rolled(StoredReport row, List<TrapRow> traps) {
    return new RolledReport(
        row.getProjectId(),
        row.getReportId(),
        row.getInstallationId(),
        row.getReceivedAt(),
        row.getCreatedAt(),
        row.getOutcome(),
        row.getOsFamily(),
        row.getOsName(),
        row.getOsVersion(),
        row.getStackName(),
        row.getStackVersion(),
        row.getStackLevel(),
        row.getFixesKey(),
        row.getClientName(),
        row.getClientVersion(),
        row.getShimVersion(),
        row.getInstallMode(),
        row.getTrapCount(),
        row.getSelfTestFailures(),
        row.isHasMetrics(),
        traps,
        row.getCallRows());
  }

  /** The trap rows of a report, signed. */
  public List<TrapRow> traps(Report report, String osFamily) {
    List<TrapRow> out = new ArrayList<>();
    if (report.traps() == null) {
      return out;
    }
    for (Trap t : report.traps()) {
      TrapRow row = row(out.size(), t);
      out.add(row.withSignature(signer.sign(row, osFamily)));
    }
    return out;
  }

  /** A trap as its row, not yet signed. */
  public static TrapRow row(int index, Trap t) {
    List<TrapRow.Frame> frames = new ArrayList<>();
    if (t.frames() != null) {
      for (Trap.Frame f : t.frames()) {
        frames.add(new TrapRow.Frame(f.module(), f.object(), f.offset()));
      }
    }
    return new TrapRow(
        index,
        SOURCE_NAMES.get(t.source()),
        t.signal(),
        t.trapNumber(),
        t.exceptionCode(),
        t.module(),
        t.object(),
        t.offset(),
        t.time() == null ? null : t.time().truncatedTo(ChronoUnit.MICROS),
        frames,
        kernelLocation(t),
        null);
  }

  /**
   * A kernel trap screen's location: the one the report carries, else, for a report sent before the
   * contract had it, the CS:EIP of its register dump (level 3) or its EIP alone.
   */
  public static String kernelLocation(Trap t) {
    if (t.source() != Trap.TrapSource.OS2_TRAP_SCREEN) {
      return null;
    }
    if (t.location() != null) {
      return t.location();
    }
    String fromRegisters =
        TrapScreenParser.location(t.registers() == null ? null : t.registers().get("CS:EIP"), null);
    return fromRegisters != null ? fromRegisters : t.faultAddress();
  }

  /**
   * Inserts the trap rows of these reports, whose report rows exist already (and hold their calls).
   */
  public void insert(List<RolledReport> reports) {
    List<Object[]> traps = new ArrayList<>();
    for (RolledReport r : reports) {
      addTraps(r.projectId(), r.reportId(), r.traps(), traps);
    }
    insertTraps(traps);
  }

  /**
   * The trap and call rows of one stored report.
   *
   * @param projectId the report's project
   * @param reportId the report
   * @param traps its trap rows
   * @param calls its call rows
   */
  public record Rows(long projectId, UUID reportId, List<TrapRow> traps, List<CallRow> calls) {}

  /** Gives stored reports their trap rows and calls (which their rows lacked). */
  public void insertRows(List<Rows> rows) {
    List<Object[]> traps = new ArrayList<>();
    List<Object[]> calls = new ArrayList<>();
    for (Rows r : rows) {
      addTraps(r.projectId(), r.reportId(), r.traps(), traps);
      if (!r.calls().isEmpty()) {
        calls.add(
            new Object[] {
              CallRow.format(r.calls()),
              CallRow.fdAboveSetsize(r.calls()),
              r.reportId(),
              r.projectId()
            });
      }
    }
    insertTraps(traps);
    if (!calls.isEmpty()) {
      jdbc.batchUpdate(
          "UPDATE report SET calls = ?, fd_above_setsize = ? WHERE report_id = ? AND project_id ="
              + " ?",
          calls);
    }
  }

  private static void addTraps(
      long projectId, UUID reportId, List<TrapRow> trapRows, List<Object[]> traps) {
    for (TrapRow t : trapRows) {
      traps.add(
          new Object[] {
            projectId,
            reportId,
            t.index(),
            t.source(),
            t.signal(),
            t.trapNumber(),
            t.exceptionCode(),
            t.module(),
            t.object(),
            t.offset(),
            t.time() == null ? null : Timestamp.from(t.time()),
            TrapRow.formatFrames(t.frames()),
            t.location(),
            t.signature()
          });
    }
  }

  private void insertTraps(List<Object[]> traps) {
    if (!traps.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO report_trap (project_id, report_id, trap_index, source, signal_name,"
              + " trap_number, exception_code, module_name, object_number, module_offset,"
              + " trap_time, frames, trap_location, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
              + " ?, ?, ?, ?, ?)",
          traps);
    }
  }

  /** Every report of an installation, with its rows, in storage order. */
  public List<RolledReport> ofInstallation(UUID installationId) {
    return load("r.installation_id = ?", installationId);
  }

  /**
   * Every report of a project, with its rows, handed over {@code size} at a time: one pass over the
   * project's report rows (streamed, not held), and index lookups by report id for their trap and
   * call rows. Order does not matter to a rebuild: every rollup is a sum, a minimum or a maximum.
   *
   * @return how many reports were handed over
   */
  public long forEachChunk(long projectId, int size, Consumer<List<RolledReport>> consumer) {
    List<RolledReport> buffer = new ArrayList<>(size);
    long[] count = {0};
    streaming(size)
        .query(
            SELECT_ROLLED + " WHERE r.project_id = ?",
            rs -> {
              buffer.add(bare(rs));
              if (buffer.size() == size) {
                consumer.accept(withRows(buffer));
                count[0] += buffer.size();
                buffer.clear();
              }
            },
            projectId);
    if (!buffer.isEmpty()) {
      consumer.accept(withRows(buffer));
      count[0] += buffer.size();
    }
    return count[0];
  }

  /**
   * A template that fetches {@code size} rows at a time: PostgreSQL then streams a large result
   * inside the transaction instead of loading all of it.
   */
  JdbcTemplate streaming(int size) {
    JdbcTemplate t = new JdbcTemplate(jdbc.getDataSource());
    t.setFetchSize(size);
    return t;
  }

  /** Stores a new signature for a trap (after the skip lists changed). */
  public void resign(List<Object[]> signatureProjectReportIndex) {
    if (!signatureProjectReportIndex.isEmpty()) {
      jdbc.batchUpdate(
          "UPDATE report_trap SET signature = ? WHERE project_id = ? AND report_id = ?"
              + " AND trap_index = ?",
          signatureProjectReportIndex);
    }
  }

  /** The reports a condition on {@code report r} selects, with their trap and call rows. */
  private List<RolledReport> load(String where, Object... args) {
    return withRows(
        jdbc.query(
            SELECT_ROLLED + " WHERE " + where + " ORDER BY r.id", (rs, n) -> bare(rs), args));
  }

  /** A report row without its trap rows. */
  private static RolledReport bare(ResultSet rs) throws SQLException {
    return rolled(ReportColumn.read(rs, ROLLED_COLUMNS), List.of());
  }

  /**
   * The reports with their trap and call rows, read by report id (the first column of their keys,
   * so an index lookup whatever join order the database would have picked).
   */
  private List<RolledReport> withRows(List<RolledReport> bare) {
    // Keyed by project and report: a report id is unique only within its project.
    Map<String, List<TrapRow>> traps = new HashMap<>();
    List<UUID> ids = bare.stream().map(RolledReport::reportId).distinct().toList();
    for (int i = 0; i < ids.size(); i += LOOKUP) {
      MapSqlParameterSource in =
          new MapSqlParameterSource("ids", ids.subList(i, Math.min(ids.size(), i + LOOKUP)));
      named.query(
          "SELECT report_id, trap_index, source, signal_name, trap_number, exception_code,"
              + " module_name, object_number, module_offset, trap_time, frames, signature,"
              + " project_id, trap_location FROM report_trap WHERE report_id IN (:ids)",
          in,
          rs -> {
            traps
                .computeIfAbsent(
                    rs.getLong(13) + "/" + rs.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(
                    new TrapRow(
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        instant(rs, 10),
                        TrapRow.parseFrames(rs.getString(11)),
                        rs.getString(14),
                        rs.getString(12)));
          });
    }
    List<RolledReport> out = new ArrayList<>(bare.size());
    for (RolledReport r : bare) {
      String key = r.projectId() + "/" + r.reportId();
      List<TrapRow> t = new ArrayList<>(traps.getOrDefault(key, List.of()));
      t.sort(Comparator.comparingInt(TrapRow::index));
      out.add(r.withTraps(t));
    }
    return out;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
