package org.shimwatch.server.traps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.publicversion.PublicVersions;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.RollupLock;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.traps.TrapExample;
import org.shimwatch.web.traps.TrapGroupDetail;
import org.shimwatch.web.traps.TrapGroupQuery;
import org.shimwatch.web.traps.TrapGroupView;
import org.shimwatch.web.traps.TrapStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Trap groups as the dashboard and API show them, and the status a maintainer gives them. */
@Service
public class TrapGroupService implements TrapGroupQuery {

  /** Example reports shown with a group. */
  static final int EXAMPLES = 10;

  /** A fixed-in version is a contract version: letters, digits and . _ + ~ : - only. */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~:-]{0,63}");

  private static final String GROUP_COLUMNS =
      "g.id, g.signature, g.fault_code, g.module_name, g.location_key, g.status, g.fixed_in,"
          + " s.traps, s.reports, s.installations, s.first_seen, s.last_seen";

  private final ProjectService projects;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final RollupLock lock;
  private final PublicVersions publicVersions;

  TrapGroupService(
      ProjectService projects,
      JdbcTemplate jdbc,
      Clock clock,
      RollupLock lock,
      PublicVersions publicVersions) {
    this.publicVersions = publicVersions;
    this.projects = projects;
    this.jdbc = jdbc;
    this.clock = clock;
    this.lock = lock;
  }

  @Override
  public Optional<List<TrapGroupView>> groups(String project, TrapStatus status) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    Map<Long, Dims> dims = new HashMap<>();
    jdbc.query(
        "SELECT d.group_id, d.dimension, d.dim_value, d.reports FROM trap_group_dim d JOIN"
            + " trap_group g ON g.id = d.group_id WHERE g.project_id = ?",
        rs -> {
          dims.computeIfAbsent(rs.getLong(1), k -> new Dims())
              .add(rs.getString(2), rs.getString(3), rs.getLong(4));
        },
        projectId);
    String sql =
        "SELECT "
            + GROUP_COLUMNS
            + " FROM trap_group g JOIN trap_group_stats s ON s.group_id = g.id WHERE g.project_id"
            + " = ?"
            + (status == null ? "" : " AND g.status = ?")
            + " ORDER BY s.traps DESC, g.id";
    Object[] args =
        status == null ? new Object[] {projectId} : new Object[] {projectId, status.wireName()};
    return Optional.of(jdbc.query(sql, (rs, n) -> view(rs, dims.get(rs.getLong(1))), args));
  }

  @Override
  public Optional<TrapGroupDetail> group(String project, long id) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    Dims dims = new Dims();
    jdbc.query(
        "SELECT dimension, dim_value, reports FROM trap_group_dim WHERE group_id = ?",
        rs -> {
          dims.add(rs.getString(1), rs.getString(2), rs.getLong(3));
        },
        id);
    List<TrapGroupView> found =
        jdbc.query(
            "SELECT "
                + GROUP_COLUMNS
                + " FROM trap_group g LEFT JOIN trap_group_stats s ON s.group_id = g.id WHERE"
                + " g.id = ? AND g.project_id = ?",
            (rs, n) -> view(rs, dims),
            id,
            projectId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TrapGroupView g = found.get(0);
    return Optional.of(new TrapGroupDetail(g, examples(projectId, g.signature())));
  }

  /**
   * Sets a group's status: {@code new}, {@code acknowledged}, or {@code fixed} with the shim
   * version that fixes it. {@code regressed} is set only by the server, when the fault comes back.
   *
   * @return the group, or empty when there is no such project or group
   */
  @Transactional
  public Optional<TrapGroupDetail> setStatus(
      String project, long id, String statusName, String fixedIn) {
    TrapStatus status =
        TrapStatus.of(statusName)
            .orElseThrow(
                () -> new ChangeRefused("invalid-status", "Status is new, acknowledged or fixed."));
    if (status == TrapStatus.REGRESSED) {
      throw new ChangeRefused(
          "status-set-by-server", "Regressed is set by the server when a fixed fault comes back.");
    }
    String version = fixedIn == null || fixedIn.isBlank() ? null : fixedIn.strip();
    if (status == TrapStatus.FIXED && version == null) {
      throw new ChangeRefused(
          "invalid-fixed-in", "Status fixed needs fixedIn, the shim version that fixes it.");
    }
    if (status == TrapStatus.FIXED && !VERSION.matcher(version).matches()) {
      throw new ChangeRefused(
          "invalid-fixed-in",
          "A shim version is 1 to 64 letters, digits and . _ + ~ : -, starting with a letter or"
              + " digit, such as 0.2.0.");
    }
    if (status != TrapStatus.FIXED && version != null) {
      throw new ChangeRefused("invalid-fixed-in", "A shim version goes only with status fixed.");
    }
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    // Under the rollup lock: a batch being written cannot mark the group regressed from the
    // status read before this change.
    lock.lock(List.of(p.get().getId()));
    int n =
        jdbc.update(
            "UPDATE trap_group SET status = ?, fixed_in = ?, status_changed_at = ? WHERE id = ?"
                + " AND project_id = ?",
            status.wireName(),
            version,
            Timestamp.from(clock.instant()),
            id,
            p.get().getId());
    if (n > 0) {
      publicVersions.bump(p.get().getId());
    }
    return n == 0 ? Optional.empty() : group(project, id);
  }

  private List<TrapExample> examples(long projectId, String signature) {
    List<TrapExample> out = new ArrayList<>();
    Set<UUID> seen = new LinkedHashSet<>();
    jdbc.query(
        "SELECT r.report_id, r.received_at, t.source, r.os_family, r.os_name, r.os_version,"
            + " r.stack_name, r.stack_version, r.client_name, r.client_version, r.shim_version"
            + " FROM report_trap t JOIN report r ON r.report_id = t.report_id AND r.project_id ="
            + " t.project_id WHERE t.project_id = ? AND t.signature = ? AND r.install_mode NOT"
            + " IN ('side-dir-after-lib-dynload', 'none') ORDER BY r.received_at DESC, r.id DESC"
            + " LIMIT ?",
        rs -> {
          UUID id = rs.getObject(1, UUID.class);
          if (seen.add(id) && out.size() < EXAMPLES) {
            out.add(
                new TrapExample(
                    id,
                    rs.getTimestamp(2).toInstant(),
                    rs.getString(3),
                    RolledReport.label(rs.getString(5), rs.getString(6), rs.getString(4)),
                    RolledReport.label(rs.getString(7), rs.getString(8), "unknown stack"),
                    RolledReport.label(rs.getString(9), rs.getString(10), "unknown client"),
                    rs.getString(11)));
          }
        },
        projectId,
        signature,
        EXAMPLES * 2);
    return out;
  }

  private static TrapGroupView view(ResultSet rs, Dims dims) throws SQLException {
    Dims d = dims == null ? new Dims() : dims;
    TrapStatus status = TrapStatus.of(rs.getString(6)).orElse(TrapStatus.NEW);
    String fixedIn = rs.getString(7);
    String label =
        switch (status) {
          case FIXED -> "fixed in " + fixedIn;
          case REGRESSED -> "regressed (was fixed in " + fixedIn + ")";
          default -> status.wireName();
        };
    return new TrapGroupView(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        status,
        fixedIn,
        label,
        rs.getLong(8),
        rs.getLong(9),
        rs.getLong(10),
        instant(rs.getTimestamp(11)),
        instant(rs.getTimestamp(12)),
        d.sorted(TrapTally.PLATFORM),
        d.sorted(TrapTally.STACK),
        d.sorted(TrapTally.SHIM));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** A group's reports by platform, stack and shim version. */
  private static final class Dims {
    final Map<String, List<TrapGroupView.Counted>> byDimension = new HashMap<>();

    void add(String dimension, String value, long reports) {
      String shown = TrapTally.SHIM.equals(dimension) && value.isEmpty() ? "unknown" : value;
      byDimension
          .computeIfAbsent(dimension, k -> new ArrayList<>())
          .add(new TrapGroupView.Counted(shown, reports));
    }

    List<TrapGroupView.Counted> sorted(String dimension) {
      List<TrapGroupView.Counted> l =
          new ArrayList<>(byDimension.getOrDefault(dimension, List.of()));
      l.sort(
          java.util.Comparator.comparingLong(TrapGroupView.Counted::reports)
              .reversed()
              .thenComparing(TrapGroupView.Counted::value));
      return l;
    }
  }

  /** The status filter of a list, or {@code null} for all. */
  static TrapStatus statusFilter(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    return TrapStatus.of(status)
        .orElseThrow(
            () ->
                new BadQueryException(
                    "invalid-status", "status", "status is new, acknowledged, fixed or regressed"));
  }
}
