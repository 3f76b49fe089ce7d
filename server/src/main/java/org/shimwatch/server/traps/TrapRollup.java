package org.shimwatch.server.traps;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.server.alerts.AlertOutbox;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Rollup;
import org.shimwatch.server.rollup.RollupBatches;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.server.traps.TrapTally.DimKey;
import org.shimwatch.server.traps.TrapTally.GroupTally;
import org.shimwatch.server.traps.TrapTally.MemberKey;
import org.shimwatch.server.traps.TrapTally.MemberTally;
import org.shimwatch.web.traps.TrapStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the trap group tables. A group row is made the first time its signature is seen and stays
 * (it holds the maintainer's status); its counts, members and breakdowns follow the reports. A new
 * trap of a group marked fixed in version X, from a report whose shim version is X or later, marks
 * the group {@code regressed}.
 */
@Component
class TrapRollup implements Rollup {

  /** Signatures per IN (...) lookup. */
  private static final int LOOKUP = 500;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final RollupBatches batches;
  private final Clock clock;
  private final AlertOutbox alerts;

  TrapRollup(JdbcTemplate jdbc, Clock clock, AlertOutbox alerts) {
    this.alerts = alerts;
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.batches = new RollupBatches(jdbc);
    this.clock = clock;
  }

  /** A group row: its id and status. */
  private record Group(long id, String status, String fixedIn) {}

  @Override
  public void apply(long projectId, List<RolledReport> reports, int sign) {
    TrapTally t = new TrapTally();
    reports.forEach(t::add);
    if (t.groups.isEmpty()) {
      return;
    }
    // Made if missing even when subtracting: a drifted rollup must not block a deletion.
    Map<String, Group> ids = groups(projectId, new ArrayList<>(t.groups.keySet()), sign > 0);
    if (sign > 0) {
      add(projectId, t, ids);
    } else {
      subtract(t, ids);
    }
  }

  private void add(long projectId, TrapTally t, Map<String, Group> ids) {
    List<Object[]> regressed = new ArrayList<>();
    Timestamp now = Timestamp.from(clock.instant());
    for (GroupTally g : t.groups.values()) {
      Group group = ids.get(g.signature);
      if (TrapStatus.FIXED.wireName().equals(group.status())
          && group.fixedIn() != null
          && g.shimVersions.stream().anyMatch(v -> Versions.atLeast(v, group.fixedIn()))) {
        regressed.add(new Object[] {TrapStatus.REGRESSED.wireName(), now, group.id()});
      }
    }
    int[] changed =
        batches.run(
            "UPDATE trap_group SET status = ?, status_changed_at = ? WHERE id = ? AND status ="
                + " 'fixed'",
            regressed);
    for (int i = 0; i < changed.length; i++) {
      if (changed[i] > 0) {
        // In this transaction: the alert exists exactly when the regression is committed.
        long id = (Long) regressed.get(i)[2];
        String signature =
            ids.entrySet().stream()
                .filter(e -> e.getValue().id() == id)
                .findFirst()
                .orElseThrow()
                .getKey();
        Group g = ids.get(signature);
        alerts.raise(
            projectId,
            AlertOutbox.TRAP_GROUP_REGRESSED,
            "trap-group-regressed:" + id,
            "Trap group " + describe(signature) + ", fixed in " + g.fixedIn() + ", traps again.",
            "/maintainer/traps/" + id);
      }
    }

    List<Map.Entry<MemberKey, MemberTally>> members = new ArrayList<>(t.members.entrySet());
    int[] found =
        batches.run(
            "UPDATE trap_group_member SET traps = traps + ?, first_seen = CASE WHEN first_seen > ?"
                + " THEN ? ELSE first_seen END, last_seen = CASE WHEN last_seen < ? THEN ? ELSE"
                + " last_seen END WHERE group_id = ? AND installation_id = ?",
            members.stream()
                .map(
                    m -> {
                      Timestamp first = Timestamp.from(m.getValue().firstSeen);
                      Timestamp last = Timestamp.from(m.getValue().lastSeen);
                      return new Object[] {
                        m.getValue().traps,
                        first,
                        first,
                        last,
                        last,
                        ids.get(m.getKey().signature()).id(),
                        m.getKey().installation()
                      };
                    })
                .toList());
    List<Map.Entry<MemberKey, MemberTally>> newMembers = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        newMembers.add(members.get(i));
        t.groups.get(members.get(i).getKey().signature()).installations++;
      }
    }
    insertMembers(newMembers, ids);

    List<GroupTally> groups = new ArrayList<>(t.groups.values());
    found =
        batches.run(
            "UPDATE trap_group_stats SET traps = traps + ?, reports = reports + ?, installations ="
                + " installations + ?, first_seen = CASE WHEN first_seen > ? THEN ? ELSE"
                + " first_seen END, last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END"
                + " WHERE group_id = ?",
            groups.stream()
                .map(
                    g -> {
                      Timestamp first = Timestamp.from(g.firstSeen);
                      Timestamp last = Timestamp.from(g.lastSeen);
                      return new Object[] {
                        g.traps,
                        g.reports,
                        g.installations,
                        first,
                        first,
                        last,
                        last,
                        ids.get(g.signature).id()
                      };
                    })
                .toList());
    List<GroupTally> newStats = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        newStats.add(groups.get(i));
      }
    }
    insertStats(projectId, newStats, ids);

    List<Map.Entry<DimKey, long[]>> dims = new ArrayList<>(t.dims.entrySet());
    found =
        batches.run(
            "UPDATE trap_group_dim SET reports = reports + ? WHERE group_id = ? AND dimension = ?"
                + " AND dim_value = ?",
            dims.stream().map(d -> dimArgs(d, ids)).toList());
    List<Map.Entry<DimKey, long[]>> newDims = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] == 0) {
        newDims.add(dims.get(i));
      }
    }
    insertDims(newDims, ids);
  }

  /** Removes whole installations; first and last seen are read back from the members left. */
  private void subtract(TrapTally t, Map<String, Group> ids) {
    List<Map.Entry<MemberKey, MemberTally>> members = new ArrayList<>(t.members.entrySet());
    batches.run(
        "UPDATE trap_group_member SET traps = traps - ? WHERE group_id = ? AND installation_id = ?",
        members.stream()
            .map(
                m ->
                    new Object[] {
                      m.getValue().traps,
                      ids.get(m.getKey().signature()).id(),
                      m.getKey().installation()
                    })
            .toList());
    int[] gone =
        batches.run(
            "DELETE FROM trap_group_member WHERE group_id = ? AND installation_id = ? AND traps"
                + " <= 0",
            members.stream()
                .map(
                    m ->
                        new Object[] {
                          ids.get(m.getKey().signature()).id(), m.getKey().installation()
                        })
                .toList());
    Map<String, Long> left = new HashMap<>();
    for (int i = 0; i < gone.length; i++) {
      left.merge(members.get(i).getKey().signature(), (long) gone[i], Long::sum);
    }
    List<GroupTally> groups = new ArrayList<>(t.groups.values());
    batches.run(
        "UPDATE trap_group_stats SET traps = traps - ?, reports = reports - ?, installations ="
            + " installations - ?, first_seen = COALESCE((SELECT MIN(m.first_seen) FROM"
            + " trap_group_member m WHERE m.group_id = trap_group_stats.group_id), first_seen),"
            + " last_seen = COALESCE((SELECT MAX(m.last_seen) FROM trap_group_member m WHERE"
            + " m.group_id = trap_group_stats.group_id), last_seen) WHERE group_id = ?",
        groups.stream()
            .map(
                g ->
                    new Object[] {
                      g.traps,
                      g.reports,
                      left.getOrDefault(g.signature, 0L),
                      ids.get(g.signature).id()
                    })
            .toList());
    batches.run(
        "DELETE FROM trap_group_stats WHERE group_id = ? AND traps <= 0",
        groups.stream().map(g -> new Object[] {ids.get(g.signature).id()}).toList());
    List<Map.Entry<DimKey, long[]>> dims = new ArrayList<>(t.dims.entrySet());
    batches.run(
        "UPDATE trap_group_dim SET reports = reports - ? WHERE group_id = ? AND dimension = ? AND"
            + " dim_value = ?",
        dims.stream().map(d -> dimArgs(d, ids)).toList());
    batches.run(
        "DELETE FROM trap_group_dim WHERE group_id = ? AND dimension = ? AND dim_value = ? AND"
            + " reports <= 0",
        dims.stream()
            .map(
                d ->
                    new Object[] {
                      ids.get(d.getKey().signature()).id(),
                      d.getKey().dimension(),
                      d.getKey().value()
                    })
            .toList());
  }

  @Override
  public Rebuild rebuild(long projectId) {
    TrapTally t = new TrapTally();
    return new Rebuild() {
      @Override
      public void add(RolledReport report) {
        t.add(report);
      }

      @Override
      public void replace() {
        String groupsOfProject = "SELECT id FROM trap_group WHERE project_id = ?";
        jdbc.update(
            "DELETE FROM trap_group_dim WHERE group_id IN (" + groupsOfProject + ")", projectId);
        jdbc.update(
            "DELETE FROM trap_group_member WHERE group_id IN (" + groupsOfProject + ")", projectId);
        jdbc.update("DELETE FROM trap_group_stats WHERE project_id = ?", projectId);
        t.countInstallations();
        Map<String, Group> ids = groups(projectId, new ArrayList<>(t.groups.keySet()), false);
        insertStats(projectId, new ArrayList<>(t.groups.values()), ids);
        insertMembers(new ArrayList<>(t.members.entrySet()), ids);
        insertDims(new ArrayList<>(t.dims.entrySet()), ids);
      }
    };
  }

  /**
   * The group rows of these signatures, making those not yet known.
   *
   * @param alert raise a new-trap-group alert for each group made
   */
  private Map<String, Group> groups(long projectId, List<String> signatures, boolean alert) {
    Map<String, Group> found = lookup(projectId, signatures);
    if (found.size() < signatures.size()) {
      List<Object[]> missing = new ArrayList<>();
      for (String s : signatures) {
        if (!found.containsKey(s)) {
          TrapSignatures.Signature sig = TrapSignatures.Signature.parse(s);
          missing.add(
              new Object[] {
                projectId, s, sig.code(), sig.module(), sig.location(), TrapStatus.NEW.wireName()
              });
        }
      }
      batches.run(
          "INSERT INTO trap_group (project_id, signature, fault_code, module_name, location_key,"
              + " status) VALUES (?, ?, ?, ?, ?, ?)",
          missing);
      Map<String, Group> before = found;
      found = lookup(projectId, signatures);
      if (alert) {
        for (Map.Entry<String, Group> e : found.entrySet()) {
          if (!before.containsKey(e.getKey())) {
            long id = e.getValue().id();
            alerts.raise(
                projectId,
                AlertOutbox.NEW_TRAP_GROUP,
                "trap-group:" + id,
                "New trap group: " + describe(e.getKey()) + ".",
                "/maintainer/traps/" + id);
          }
        }
      }
    }
    return found;
  }

  /** A signature as people read it: fault code, module and location. */
  private static String describe(String signature) {
    TrapSignatures.Signature sig = TrapSignatures.Signature.parse(signature);
    return sig.code() + " in " + sig.module() + " at " + sig.location();
  }

  private Map<String, Group> lookup(long projectId, List<String> signatures) {
    Map<String, Group> found = new HashMap<>();
    for (int i = 0; i < signatures.size(); i += LOOKUP) {
      named.query(
          "SELECT id, signature, status, fixed_in FROM trap_group WHERE project_id = :p AND"
              + " signature IN (:s)",
          new MapSqlParameterSource("p", projectId)
              .addValue("s", signatures.subList(i, Math.min(signatures.size(), i + LOOKUP))),
          rs -> {
            found.put(rs.getString(2), new Group(rs.getLong(1), rs.getString(3), rs.getString(4)));
          });
    }
    return found;
  }

  private void insertStats(long projectId, List<GroupTally> groups, Map<String, Group> ids) {
    batches.run(
        "INSERT INTO trap_group_stats (group_id, project_id, traps, reports, installations,"
            + " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
        groups.stream()
            .map(
                g ->
                    new Object[] {
                      ids.get(g.signature).id(),
                      projectId,
                      g.traps,
                      g.reports,
                      g.installations,
                      Timestamp.from(g.firstSeen),
                      Timestamp.from(g.lastSeen)
                    })
            .toList());
  }

  private void insertMembers(
      List<Map.Entry<MemberKey, MemberTally>> members, Map<String, Group> ids) {
    batches.run(
        "INSERT INTO trap_group_member (group_id, installation_id, traps, first_seen, last_seen)"
            + " VALUES (?, ?, ?, ?, ?)",
        members.stream()
            .map(
                m ->
                    new Object[] {
                      ids.get(m.getKey().signature()).id(),
                      m.getKey().installation(),
                      m.getValue().traps,
                      Timestamp.from(m.getValue().firstSeen),
                      Timestamp.from(m.getValue().lastSeen)
                    })
            .toList());
  }

  private void insertDims(List<Map.Entry<DimKey, long[]>> dims, Map<String, Group> ids) {
    batches.run(
        "INSERT INTO trap_group_dim (reports, group_id, dimension, dim_value) VALUES (?, ?, ?, ?)",
        dims.stream().map(d -> dimArgs(d, ids)).toList());
  }

  private static Object[] dimArgs(Map.Entry<DimKey, long[]> d, Map<String, Group> ids) {
    return new Object[] {
      d.getValue()[0],
      ids.get(d.getKey().signature()).id(),
      d.getKey().dimension(),
      d.getKey().value()
    };
  }
}
