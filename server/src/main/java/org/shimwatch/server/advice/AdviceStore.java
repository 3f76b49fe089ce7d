package org.shimwatch.server.advice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.shimwatch.web.advice.AdviceDraft;
import org.shimwatch.web.advice.AppliesTo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The advice table: one row per entry, read and written in domain terms. */
@Repository
class AdviceStore {

  /**
   * A stored entry.
   *
   * @param trapGroupSignature the signature of its trap group, {@code null} without one
   * @param trapGroupLabel its trap group in words, {@code null} without one
   */
  record Stored(
      long id,
      long projectId,
      String title,
      String body,
      AppliesTo appliesTo,
      String fixedIn,
      String trapGroupSignature,
      String trapGroupLabel,
      Instant createdAt,
      String createdBy,
      Instant updatedAt,
      String updatedBy) {}

  private static final String SELECT =
      "SELECT a.id, a.project_id, a.title, a.body, a.stack_name, a.stack_from, a.stack_to,"
          + " a.fix_id, a.fix_present, a.install_mode, a.trap_group_id, a.shim_from, a.shim_to,"
          + " a.fixed_in, a.created_at, a.created_by, a.updated_at, a.updated_by, g.signature,"
          + " g.fault_code, g.module_name, g.location_key FROM advice a LEFT JOIN trap_group g ON"
          + " g.id = a.trap_group_id ";

  private final JdbcTemplate jdbc;

  AdviceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A project's entries, most recently changed first. */
  List<Stored> all(long projectId) {
    return jdbc.query(
        SELECT + "WHERE a.project_id = ? ORDER BY a.updated_at DESC, a.id DESC",
        AdviceStore::stored,
        projectId);
  }

  Optional<Stored> one(long projectId, long id) {
    return jdbc
        .query(SELECT + "WHERE a.project_id = ? AND a.id = ?", AdviceStore::stored, projectId, id)
        .stream()
        .findFirst();
  }

  /** Whether a trap group with this id belongs to the project. */
  boolean trapGroupOf(long projectId, long groupId) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM trap_group WHERE id = ? AND project_id = ?",
            Integer.class,
            groupId,
            projectId);
    return n != null && n > 0;
  }

  long insert(long projectId, AdviceDraft d, String by, Instant now) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(
        c -> {
          var s =
              c.prepareStatement(
                  "INSERT INTO advice (project_id, title, body, stack_name, stack_from, stack_to,"
                      + " fix_id, fix_present, install_mode, trap_group_id, shim_from, shim_to,"
                      + " fixed_in, created_at, created_by, updated_at, updated_by) VALUES (?, ?,"
                      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          Object[] args = values(projectId, d);
          for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
          }
          s.setTimestamp(args.length + 1, Timestamp.from(now));
          s.setString(args.length + 2, by);
          s.setTimestamp(args.length + 3, Timestamp.from(now));
          s.setString(args.length + 4, by);
          return s;
        },
        keys);
    return keys.getKey().longValue();
  }

  boolean update(long projectId, long id, AdviceDraft d, String by, Instant now) {
    Object[] v = values(projectId, d);
    Object[] args = new Object[v.length - 1 + 4];
    System.arraycopy(v, 1, args, 0, v.length - 1);
    args[v.length - 1] = Timestamp.from(now);
    args[v.length] = by;
    args[v.length + 1] = id;
    args[v.length + 2] = projectId;
    return jdbc.update(
            "UPDATE advice SET title = ?, body = ?, stack_name = ?, stack_from = ?, stack_to = ?,"
                + " fix_id = ?, fix_present = ?, install_mode = ?, trap_group_id = ?, shim_from ="
                + " ?, shim_to = ?, fixed_in = ?, updated_at = ?, updated_by = ? WHERE id = ? AND"
                + " project_id = ?",
            args)
        == 1;
  }

  boolean delete(long projectId, long id) {
    return jdbc.update("DELETE FROM advice WHERE id = ? AND project_id = ?", id, projectId) == 1;
  }

  /** The project id first, then the entry's columns in table order. */
  private static Object[] values(long projectId, AdviceDraft d) {
    AppliesTo a = d.appliesTo();
    return new Object[] {
      projectId,
      d.title(),
      d.body(),
      a.stackName(),
      a.stackFrom(),
      a.stackTo(),
      a.fix(),
      a.fix() == null ? null : !Boolean.FALSE.equals(a.fixPresent()),
      a.installMode(),
      a.trapGroupId(),
      a.shimFrom(),
      a.shimTo(),
      d.fixedIn()
    };
  }

  private static Stored stored(ResultSet rs, int n) throws SQLException {
    long group = rs.getLong(11);
    Long groupId = rs.wasNull() ? null : group;
    boolean present = rs.getBoolean(9);
    Boolean fixPresent = rs.wasNull() ? null : present;
    String signature = rs.getString(19);
    String label =
        signature == null
            ? null
            : "#"
                + groupId
                + " ("
                + rs.getString(20)
                + " in "
                + rs.getString(21)
                + " at "
                + rs.getString(22)
                + ")";
    return new Stored(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        new AppliesTo(
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            fixPresent,
            rs.getString(10),
            groupId,
            rs.getString(12),
            rs.getString(13)),
        rs.getString(14),
        signature,
        label,
        rs.getTimestamp(15).toInstant(),
        rs.getString(16),
        rs.getTimestamp(17).toInstant(),
        rs.getString(18));
  }
}
