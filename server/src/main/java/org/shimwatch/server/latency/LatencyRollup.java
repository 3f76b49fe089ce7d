package org.shimwatch.server.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.server.report.HistogramText;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Rollup;
import org.shimwatch.server.rollup.RollupBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the merged latency histograms. A histogram cannot be added to in SQL, so the touched
 * rollups are read, merged in Java (adding or subtracting bucket counts) and written back; the
 * project's rollup lock keeps anyone else from changing them meanwhile. The largest value is not
 * kept (a maximum cannot be subtracted); the highest non-empty bucket stands for it.
 */
@Component
class LatencyRollup implements Rollup {

  private static final Logger log = LoggerFactory.getLogger(LatencyRollup.class);

  private static final int LOOKUP = 500;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final RollupBatches batches;

  LatencyRollup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.batches = new RollupBatches(jdbc);
  }

  /** A stored rollup's figures. */
  private record Stored(long reports, long calls, String latency, String overshoot) {}

  @Override
  public void apply(long projectId, List<RolledReport> reports, int sign) {
    LatencyTally t = new LatencyTally();
    reports.forEach(t::add);
    if (t.entries.isEmpty()) {
      return;
    }
    Map<String, Stored> stored = read(projectId, new ArrayList<>(t.entries.keySet()));
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> deletes = new ArrayList<>();
    // Each stored rollup is summed in the same two arrays, cleared after use.
    long[] latency = HistogramText.counts();
    long[] overshoot = HistogramText.counts();
    for (LatencyTally.Entry e : t.entries.values()) {
      Stored s = stored.get(e.hash);
      if (s == null) {
        if (sign > 0) {
          inserts.add(insertArgs(projectId, e));
        } else {
          log.warn("latency: no rollup to subtract a deleted report from; rebuild the project");
        }
        continue;
      }
      long reportCount = s.reports() + sign * e.reports;
      if (reportCount <= 0) {
        deletes.add(new Object[] {e.hash, projectId});
        continue;
      }
      Arrays.fill(latency, 0);
      Arrays.fill(overshoot, 0);
      HistogramText.addTo(latency, s.latency(), 1);
      HistogramText.addTo(overshoot, s.overshoot(), 1);
      boolean exact = HistogramText.addTo(latency, e.latency, sign);
      exact &= HistogramText.addTo(overshoot, e.overshoot, sign);
      if (!exact) {
        log.warn("latency: a histogram lost counts it should have had; rebuild the project");
      }
      updates.add(
          new Object[] {
            reportCount,
            s.calls() + sign * e.calls,
            HistogramText.format(latency),
            HistogramText.format(overshoot),
            e.hash,
            projectId
          });
    }
    batches.run(INSERT, inserts);
    batches.run(
        "UPDATE latency_rollup SET reports = ?, calls = ?, latency = ?, overshoot = ? WHERE"
            + " key_hash = ? AND project_id = ?",
        updates);
    batches.run("DELETE FROM latency_rollup WHERE key_hash = ? AND project_id = ?", deletes);
  }

  @Override
  public Rebuild rebuild(long projectId) {
    LatencyTally t = new LatencyTally();
    return new Rebuild() {
      @Override
      public void add(RolledReport report) {
        t.add(report);
      }

      @Override
      public void replace() {
        jdbc.update("DELETE FROM latency_rollup WHERE project_id = ?", projectId);
        List<Object[]> rows = new ArrayList<>();
        t.entries.values().forEach(e -> rows.add(insertArgs(projectId, e)));
        batches.run(INSERT, rows);
      }
    };
  }

  private static final String INSERT =
      "INSERT INTO latency_rollup (project_id, key_hash, stack_name, stack_version, shim_version,"
          + " call_kind, reports, calls, latency, overshoot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static Object[] insertArgs(long projectId, LatencyTally.Entry e) {
    return new Object[] {
      projectId,
      e.hash,
      e.stackName,
      e.stackVersion,
      e.shimVersion,
      e.callKind,
      e.reports,
      e.calls,
      HistogramText.format(e.latency),
      HistogramText.format(e.overshoot)
    };
  }

  private Map<String, Stored> read(long projectId, List<String> hashes) {
    Map<String, Stored> found = new HashMap<>();
    for (int i = 0; i < hashes.size(); i += LOOKUP) {
      named.query(
          "SELECT key_hash, reports, calls, latency, overshoot FROM latency_rollup WHERE"
              + " project_id = :p AND key_hash IN (:k)",
          new MapSqlParameterSource("p", projectId)
              .addValue("k", hashes.subList(i, Math.min(hashes.size(), i + LOOKUP))),
          rs -> {
            found.put(
                rs.getString(1),
                new Stored(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
          });
    }
    return found;
  }
}
