package org.shimwatch.server.matrix;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shimwatch.server.matrix.MatrixTally.CellTally;
import org.shimwatch.server.matrix.MatrixTally.MemberKey;
import org.shimwatch.server.matrix.MatrixTally.MemberTally;
import org.shimwatch.server.matrix.MatrixTally.RowTally;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Rollup;
import org.shimwatch.server.rollup.RollupBatches;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the matrix tables: rows, cells, members and distinct installations of coarser keys. Plain
 * JDBC batches, because this runs in the report writer's transaction for every batch: each touched
 * row, cell and member gets one statement whatever the number of reports behind it, and counters
 * are updated in place ({@code x = x + ?}). The one read is the memberships of the batch's
 * installations, which tells new installations of a cell (or of a coarser key) from known ones.
 */
@Component
class MatrixRollup implements Rollup {

  /** Keys per IN (...) lookup. */
  private static final int LOOKUP = 500;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final RollupBatches batches;

  MatrixRollup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.batches = new RollupBatches(jdbc);
  }

  /** A stored membership and the coarse keys of its cell. */
  private record Membership(UUID installation, String cellHash, List<String> coarseKeys) {}

  @Override
  public void apply(long projectId, List<RolledReport> reports, int sign) {
    MatrixTally t = new MatrixTally();
    reports.forEach(t::add);
    if (sign > 0) {
      add(projectId, t);
    } else {
      subtract(projectId, t);
    }
  }

  private void add(long projectId, MatrixTally t) {
    Set<String> knownRows = existingRows(projectId, t.rows.keySet());
    List<RowTally> newRows = new ArrayList<>();
    List<Object[]> inactive = new ArrayList<>();
    for (RowTally r : t.rows.values()) {
      if (!knownRows.contains(r.hash)) {
        newRows.add(r);
      } else if (r.shimInactive != 0) {
        inactive.add(new Object[] {r.shimInactive, r.hash, projectId});
      }
    }
    insertRows(projectId, newRows);
    batches.run(
        "UPDATE matrix_row SET shim_inactive = shim_inactive + ? WHERE row_hash = ? AND"
            + " project_id = ?",
        inactive);
    if (t.members.isEmpty()) {
      return;
    }

    // Which installations are new to a cell, and to each coarser key.
    Set<UUID> installations = new LinkedHashSet<>();
    t.members.keySet().forEach(k -> installations.add(k.installation()));
    Set<MemberKey> known = new HashSet<>();
    Map<UUID, Set<String>> coarseKnown = new HashMap<>();
    for (Membership m : memberships(projectId, installations)) {
      known.add(new MemberKey(m.cellHash(), m.installation()));
      coarseKnown.computeIfAbsent(m.installation(), i -> new HashSet<>()).addAll(m.coarseKeys());
    }
    Map<String, Long> distinct = new LinkedHashMap<>();
    Map<String, String> family = new HashMap<>();
    List<Map.Entry<MemberKey, MemberTally>> newMembers = new ArrayList<>();
    List<Map.Entry<MemberKey, MemberTally>> oldMembers = new ArrayList<>();
    for (Map.Entry<MemberKey, MemberTally> m : t.members.entrySet()) {
      if (known.contains(m.getKey())) {
        oldMembers.add(m);
        continue;
      }
      newMembers.add(m);
      CellTally c = t.cells.get(m.getKey().cellHash());
      c.addInstallation();
      Set<String> had =
          coarseKnown.computeIfAbsent(m.getKey().installation(), i -> new HashSet<>());
      coarse(c, had, distinct, family);
    }

    List<CellTally> cells = new ArrayList<>(t.cells.values());
    int[] found =
        batches.run(
            ADD_TO_CELL,
            cells.stream()
                .map(
                    c -> {
                      Timestamp seen = Timestamp.from(c.lastSeen);
                      return args(new Object[0], c.counts, seen, seen, projectId, c.hash);
                    })
                .toList());
    List<CellTally> newCells = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        newCells.add(cells.get(i));
      }
    }
    insertCells(projectId, newCells);

    batches.run(
        "UPDATE matrix_member SET reports = reports + ?, last_seen = CASE WHEN last_seen < ? THEN"
            + " ? ELSE last_seen END WHERE project_id = ? AND installation_id = ? AND cell_hash ="
            + " ?",
        oldMembers.stream()
            .map(
                m -> {
                  Timestamp seen = Timestamp.from(m.getValue().lastSeen);
                  return new Object[] {
                    m.getValue().reports,
                    seen,
                    seen,
                    projectId,
                    m.getKey().installation(),
                    m.getKey().cellHash()
                  };
                })
            .toList());
    insertMembers(projectId, newMembers, t);

    List<Map.Entry<String, Long>> deltas = new ArrayList<>(distinct.entrySet());
    found =
        batches.run(
            "UPDATE matrix_distinct SET installations = installations + ? WHERE project_id = ? AND"
                + " key_hash = ?",
            deltas.stream().map(d -> new Object[] {d.getValue(), projectId, d.getKey()}).toList());
    List<Object[]> newDistinct = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        Map.Entry<String, Long> d = deltas.get(i);
        newDistinct.add(new Object[] {projectId, d.getKey(), family.get(d.getKey()), d.getValue()});
      }
    }
    batches.run(INSERT_DISTINCT, newDistinct);
  }

  /**
   * Removes whole installations: each of their memberships goes entirely, so every cell and coarse
   * key they were in loses one installation, and a cell's last-seen time is read back from the
   * members left.
   */
  private void subtract(long projectId, MatrixTally t) {
    Set<UUID> installations = new LinkedHashSet<>();
    t.members.keySet().forEach(k -> installations.add(k.installation()));
    Map<String, Long> leaving = new HashMap<>();
    Map<String, Long> distinct = new LinkedHashMap<>();
    Map<UUID, Set<String>> coarseSeen = new HashMap<>();
    for (Membership m : memberships(projectId, installations)) {
      leaving.merge(m.cellHash(), 1L, Long::sum);
      Set<String> seen = coarseSeen.computeIfAbsent(m.installation(), i -> new HashSet<>());
      for (String key : m.coarseKeys()) {
        if (seen.add(key)) {
          distinct.merge(key, 1L, Long::sum);
        }
      }
    }
    Set<String> touched = new LinkedHashSet<>(t.cells.keySet());
    touched.addAll(leaving.keySet());
    List<Object[]> cellArgs = new ArrayList<>();
    for (String hash : touched) {
      CellTally c = t.cells.get(hash);
      CellCounts counts = c == null ? CellCounts.ZERO : c.counts;
      cellArgs.add(
          args(
              new Object[0],
              counts.withInstallations(leaving.getOrDefault(hash, 0L)),
              projectId,
              hash));
    }
    batches.run(SUBTRACT_FROM_CELL, cellArgs);
    batches.run(
        "DELETE FROM matrix_member WHERE project_id = ? AND installation_id = ?",
        installations.stream().map(i -> new Object[] {projectId, i}).toList());

    // The newest member left sets a cell's last-seen time: one pass over the project's members.
    List<String> touchedList = new ArrayList<>(touched);
    List<Object[]> lastSeen = new ArrayList<>();
    for (int i = 0; i < touchedList.size(); i += LOOKUP) {
      named.query(
          "SELECT cell_hash, MAX(last_seen) FROM matrix_member WHERE project_id = :p AND"
              + " cell_hash IN (:c) GROUP BY cell_hash",
          new MapSqlParameterSource("p", projectId)
              .addValue("c", touchedList.subList(i, Math.min(touchedList.size(), i + LOOKUP))),
          rs -> {
            lastSeen.add(new Object[] {rs.getTimestamp(2), projectId, rs.getString(1)});
          });
    }
    batches.run(
        "UPDATE matrix_cell SET last_seen = ? WHERE project_id = ? AND cell_hash = ?", lastSeen);
    batches.run(
        "DELETE FROM matrix_cell WHERE project_id = ? AND cell_hash = ? AND reports <= 0",
        touchedList.stream().map(h -> new Object[] {projectId, h}).toList());

    batches.run(
        "UPDATE matrix_distinct SET installations = installations - ? WHERE project_id = ? AND"
            + " key_hash = ?",
        distinct.entrySet().stream()
            .map(d -> new Object[] {d.getValue(), projectId, d.getKey()})
            .toList());
    batches.run(
        "DELETE FROM matrix_distinct WHERE project_id = ? AND key_hash = ? AND installations <= 0",
        distinct.keySet().stream().map(k -> new Object[] {projectId, k}).toList());

    List<RowTally> rows = new ArrayList<>(t.rows.values());
    batches.run(
        "UPDATE matrix_row SET shim_inactive = shim_inactive - ? WHERE row_hash = ? AND"
            + " project_id = ?",
        rows.stream()
            .filter(r -> r.shimInactive != 0)
            .map(r -> new Object[] {r.shimInactive, r.hash, projectId})
            .toList());
    batches.run(
        "DELETE FROM matrix_row WHERE row_hash = ? AND project_id = ? AND shim_inactive <= 0 AND"
            + " NOT EXISTS (SELECT 1 FROM matrix_cell c WHERE c.project_id = matrix_row.project_id"
            + " AND c.row_hash = matrix_row.row_hash)",
        rows.stream().map(r -> new Object[] {r.hash, projectId}).toList());
  }

  @Override
  public Rebuild rebuild(long projectId) {
    MatrixTally t = new MatrixTally();
    return new Rebuild() {
      @Override
      public void add(RolledReport report) {
        t.add(report);
      }

      @Override
      public void replace() {
        for (String table :
            List.of("matrix_member", "matrix_distinct", "matrix_cell", "matrix_row")) {
          jdbc.update("DELETE FROM " + table + " WHERE project_id = ?", projectId);
        }
        Map<String, String> family = new HashMap<>();
        Map<String, Long> distinct = t.countInstallations(family);
        insertRows(projectId, new ArrayList<>(t.rows.values()));
        insertCells(projectId, new ArrayList<>(t.cells.values()));
        insertMembers(projectId, new ArrayList<>(t.members.entrySet()), t);
        batches.run(
            INSERT_DISTINCT,
            distinct.entrySet().stream()
                .map(
                    d -> new Object[] {projectId, d.getKey(), family.get(d.getKey()), d.getValue()})
                .toList());
      }
    };
  }

  /** Counts the coarse keys of a cell an installation was not in yet. */
  private static void coarse(
      CellTally c, Set<String> had, Map<String, Long> distinct, Map<String, String> family) {
    c.coarseKeys()
        .forEach(
            (key, f) -> {
              if (had.add(key)) {
                distinct.merge(key, 1L, Long::sum);
                family.put(key, f);
              }
            });
  }

  private Set<String> existingRows(long projectId, Collection<String> hashes) {
    Set<String> found = new HashSet<>();
    List<String> list = new ArrayList<>(hashes);
    for (int i = 0; i < list.size(); i += LOOKUP) {
      found.addAll(
          named.queryForList(
              "SELECT row_hash FROM matrix_row WHERE project_id = :p AND row_hash IN (:h)",
              new MapSqlParameterSource("p", projectId)
                  .addValue("h", list.subList(i, Math.min(list.size(), i + LOOKUP))),
              String.class));
    }
    return found;
  }

  private List<Membership> memberships(long projectId, Collection<UUID> installations) {
    List<Membership> out = new ArrayList<>();
    List<UUID> list = new ArrayList<>(installations);
    for (int i = 0; i < list.size(); i += LOOKUP) {
      named.query(
          "SELECT installation_id, cell_hash, client_key, shim_key, name_key, pair_key, row_key"
              + " FROM matrix_member WHERE project_id = :p AND installation_id IN (:i)",
          new MapSqlParameterSource("p", projectId)
              .addValue("i", list.subList(i, Math.min(list.size(), i + LOOKUP))),
          rs -> {
            out.add(
                new Membership(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    List.of(
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7))));
          });
    }
    return out;
  }

  private static final String ADD_TO_CELL =
      "UPDATE matrix_cell SET "
          + CellCounts.changedBy('+')
          + ", last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE project_id = ?"
          + " AND cell_hash = ?";

  private static final String SUBTRACT_FROM_CELL =
      "UPDATE matrix_cell SET "
          + CellCounts.changedBy('-')
          + " WHERE project_id = ? AND cell_hash = ?";

  private static final String INSERT_CELL =
      "INSERT INTO matrix_cell (project_id, cell_hash, row_hash, fixes_key, client_name,"
          + " client_version, shim_version, "
          + CellCounts.columnList()
          + ", last_seen) VALUES ("
          + "?, ".repeat(7 + CellCounts.COLUMNS.size())
          + "?)";

  private static final String INSERT_DISTINCT =
      "INSERT INTO matrix_distinct (project_id, key_hash, family, installations) VALUES (?, ?, ?,"
          + " ?)";

  private void insertRows(long projectId, List<RowTally> rows) {
    batches.run(
        "INSERT INTO matrix_row (row_hash, project_id, os_family, os_name, os_version,"
            + " stack_name, stack_version, fix_level, shim_inactive) VALUES (?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)",
        rows.stream()
            .map(
                r ->
                    new Object[] {
                      r.hash,
                      projectId,
                      r.group.osFamily(),
                      r.group.osName(),
                      r.group.osVersion(),
                      r.group.stackName(),
                      r.group.stackVersion(),
                      r.group.fixLevelKey(),
                      r.shimInactive
                    })
            .toList());
  }

  private void insertCells(long projectId, List<CellTally> cells) {
    batches.run(
        INSERT_CELL,
        cells.stream()
            .map(
                c ->
                    args(
                        new Object[] {
                          projectId,
                          c.hash,
                          c.rowHash,
                          c.fixesKey,
                          c.clientName,
                          c.clientVersion,
                          c.shimVersion
                        },
                        c.counts,
                        Timestamp.from(c.lastSeen)))
            .toList());
  }

  /** A cell statement's arguments: these, the counters in column order, then those. */
  private static Object[] args(Object[] before, CellCounts counts, Object... after) {
    List<Object> all = new ArrayList<>(before.length + CellCounts.COLUMNS.size() + after.length);
    all.addAll(List.of(before));
    all.addAll(counts.values());
    all.addAll(List.of(after));
    return all.toArray();
  }

  private void insertMembers(
      long projectId, List<Map.Entry<MemberKey, MemberTally>> members, MatrixTally t) {
    batches.run(
        "INSERT INTO matrix_member (project_id, installation_id, cell_hash, client_key, shim_key,"
            + " name_key, pair_key, row_key, reports, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?)",
        members.stream()
            .map(
                m -> {
                  CellTally c = t.cells.get(m.getKey().cellHash());
                  return new Object[] {
                    projectId,
                    m.getKey().installation(),
                    c.hash,
                    c.clientKey,
                    c.shimKey,
                    c.nameKey,
                    c.pairKey,
                    c.rowKey,
                    m.getValue().reports,
                    Timestamp.from(m.getValue().lastSeen)
                  };
                })
            .toList());
  }
}
