package org.shimwatch.server.matrix;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.server.rollup.RolledReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads the matrix rollup tables: what the matrix, fix correlation and regressions start from. */
@Component
public class MatrixTables {

  private final JdbcTemplate jdbc;

  MatrixTables(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored matrix row: platform, stack version and fix level ({@link RowGroup}). */
  public record Row(
      String hash,
      String osFamily,
      String osName,
      String osVersion,
      String stackName,
      String stackVersion,
      String fixLevelKey,
      long shimInactive) {

    public RowGroup group() {
      return RowGroup.stored(osFamily, osName, osVersion, stackName, stackVersion, fixLevelKey);
    }

    public String platformLabel() {
      return RolledReport.label(osName, osVersion, osFamily);
    }

    public String stackLabel() {
      return RolledReport.label(stackName, stackVersion, "unknown stack");
    }

    /** The fix level's entries, e.g. {@code [csd:UN02200, newstack:NEWSTACK]}. */
    public List<String> fixLevel() {
      return RowGroup.fixes(fixLevelKey);
    }

    /** The fix level in words; empty where rows have none. */
    public String fixLevelLabel() {
      return group().fixLevelLabel();
    }
  }

  /**
   * A cell: one row, fix set, client version and shim version as stored, or several added up (then
   * {@code fixesKey} is that of the first). Every report the shim ran under is in exactly one
   * stored cell, so counts add up across cells; installations do not.
   */
  public record Cell(
      String rowHash,
      String fixesKey,
      String clientName,
      String clientVersion,
      String shimVersion,
      CellCounts counts,
      Instant lastSeen) {

    /** This cell and another added up, under these key fields, with this installation count. */
    Cell plus(
        Cell o, String clientName, String clientVersion, String shimVersion, long installations) {
      return new Cell(
          rowHash,
          fixesKey,
          clientName,
          clientVersion,
          shimVersion,
          counts.plus(o.counts).withInstallations(installations),
          lastSeen.isAfter(o.lastSeen) ? lastSeen : o.lastSeen);
    }

    /** The same counts under other key fields and installation count. */
    Cell as(String clientName, String clientVersion, String shimVersion, long installations) {
      return new Cell(
          rowHash,
          fixesKey,
          clientName,
          clientVersion,
          shimVersion,
          counts.withInstallations(installations),
          lastSeen);
    }
  }

  /** Every row of a project. */
  public List<Row> rows(long projectId) {
    return jdbc.query(
        "SELECT row_hash, os_family, os_name, os_version, stack_name, stack_version, fix_level,"
            + " shim_inactive FROM matrix_row WHERE project_id = ?",
        (rs, n) ->
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8)),
        projectId);
  }

  private static final String CELL_COLUMNS =
      "SELECT row_hash, fixes_key, client_name, client_version, shim_version, "
          + CellCounts.columnList()
          + ", last_seen FROM matrix_cell";

  private static final RowMapper<Cell> CELL =
      (rs, n) ->
          new Cell(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              CellCounts.read(rs, 6),
              rs.getTimestamp(6 + CellCounts.COLUMNS.size()).toInstant());

  /** Every stored cell of a project: one per row, fix set, client version and shim version. */
  public List<Cell> cells(long projectId) {
    return jdbc.query(CELL_COLUMNS + " WHERE project_id = ?", CELL, projectId);
  }

  /** Distinct installations of a project's coarse cells of one family, by key. */
  public Map<String, Long> distinct(long projectId, String family) {
    Map<String, Long> out = new HashMap<>();
    jdbc.query(
        "SELECT key_hash, installations FROM matrix_distinct WHERE project_id = ? AND family = ?",
        rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        },
        projectId,
        family);
    return out;
  }

  /** Distinct installations of each row of a project (all its cells), by row key. */
  public Map<String, Long> rowInstallations(long projectId) {
    Map<String, Long> byKey = distinct(projectId, MatrixTally.ROW);
    Map<String, Long> out = new HashMap<>();
    for (Row r : rows(projectId)) {
      Long n = byKey.get(MatrixTally.rowOnlyKey(r.hash()));
      if (n != null) {
        out.put(r.hash(), n);
      }
    }
    return out;
  }

  /** One row of a project, by its key. */
  public Optional<Row> row(long projectId, String rowHash) {
    return jdbc
        .query(
            "SELECT row_hash, os_family, os_name, os_version, stack_name, stack_version,"
                + " fix_level, shim_inactive FROM matrix_row WHERE row_hash = ? AND project_id = ?",
            (rs, n) ->
                new Row(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getLong(8)),
            rowHash,
            projectId)
        .stream()
        .findFirst();
  }

  /** The stored cells of one row. */
  List<Cell> cellsOfRow(long projectId, String rowHash) {
    return jdbc.query(
        CELL_COLUMNS + " WHERE project_id = ? AND row_hash = ?", CELL, projectId, rowHash);
  }

  /** Distinct installations of one coarse cell, 0 when unknown. */
  long distinctOf(long projectId, String keyHash) {
    List<Long> n =
        jdbc.queryForList(
            "SELECT installations FROM matrix_distinct WHERE project_id = ? AND key_hash = ?",
            Long.class,
            projectId,
            keyHash);
    return n.isEmpty() ? 0 : n.get(0);
  }
}
