package org.shimwatch.server.insight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shimwatch.server.matrix.MatrixTables;
import org.shimwatch.server.matrix.RowGroup;
import org.shimwatch.server.matrix.TierRules;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.insight.CellFixQuery;
import org.shimwatch.web.insight.CellFixes;
import org.shimwatch.web.insight.FixCorrelation;
import org.shimwatch.web.matrix.CellDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The fix correlation of the maintainer's dashboard, for one cell's row and for the public: within
 * the row's OS family, judged reports with each of the row's fixes against those without it. Shown
 * only where both sides are large enough that no one installation can be singled out: at least
 * {@code shimwatch.matrix.min-installations} (3) installations and {@code
 * shimwatch.insight.min-fix-sample} (20) judged reports on each side; else the fix says {@code not
 * enough data}. The report counts come from the matrix rollups (cost: the project's cells); the
 * installation counts stop at the threshold.
 */
@Service
class PublicFixCorrelation implements CellFixQuery {

  private final ProjectService projects;
  private final MatrixTables tables;
  private final ShimwatchProperties properties;
  private final JdbcTemplate jdbc;

  PublicFixCorrelation(
      ProjectService projects,
      MatrixTables tables,
      ShimwatchProperties properties,
      JdbcTemplate jdbc) {
    this.projects = projects;
    this.tables = tables;
    this.properties = properties;
    this.jdbc = jdbc;
  }

  @Override
  public Optional<CellFixes> forCell(CellDetail cell) {
    Optional<Project> p = projects.find(cell.project());
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    Optional<MatrixTables.Row> found = tables.row(projectId, cell.row().key());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MatrixTables.Row row = found.get();
    Map<String, MatrixTables.Row> rowsByHash = new HashMap<>();
    for (MatrixTables.Row r : tables.rows(projectId)) {
      if (r.osFamily().equals(row.osFamily())) {
        rowsByHash.put(r.hash(), r);
      }
    }
    // Fix sets live on the cells (a row groups several); the family's reports are compared by the
    // fix set of the cell they fall in, keyed "row hash | fix set".
    Map<String, long[]> byRow = new HashMap<>();
    Map<String, List<String>> fixesOf = new HashMap<>();
    java.util.Set<String> ownFixes = new java.util.LinkedHashSet<>();
    for (MatrixTables.Cell c : tables.cells(projectId)) {
      if (rowsByHash.containsKey(c.rowHash())) {
        String key = c.rowHash() + "|" + c.fixesKey();
        TierRules.Counts counts = c.counts().tier();
        long[] sum = byRow.computeIfAbsent(key, x -> new long[2]);
        sum[0] += counts.successes();
        sum[1] += counts.judged();
        List<String> fixes = fixesOf.computeIfAbsent(key, x -> RowGroup.fixes(c.fixesKey()));
        if (c.rowHash().equals(row.hash())) {
          ownFixes.addAll(fixes);
        }
      }
    }
    if (ownFixes.isEmpty()) {
      return Optional.empty();
    }
    long[] all = new long[2];
    byRow.values().forEach(s -> add(all, s));
    int k = properties.matrix().minInstallations();
    int minReports = properties.insight().minFixSample();
    List<CellFixes.Line> lines = new ArrayList<>();
    for (String fix : ownFixes) {
      long[] with = new long[2];
      Set<String> withRows = new HashSet<>();
      Set<String> withoutRows = new HashSet<>();
      byRow.forEach(
          (hash, s) -> {
            if (fixesOf.get(hash).contains(fix)) {
              add(with, s);
              withRows.add(hash);
            } else {
              withoutRows.add(hash);
            }
          });
      long withoutSuccesses = all[0] - with[0];
      long withoutJudged = all[1] - with[1];
      FixCorrelation c = null;
      if (with[1] >= minReports
          && withoutJudged >= minReports
          && atLeastInstallations(projectId, withRows, k)
          && atLeastInstallations(projectId, withoutRows, k)) {
        double withRate = (double) with[0] / with[1];
        double withoutRate = (double) withoutSuccesses / withoutJudged;
        c =
            new FixCorrelation(
                row.osFamily(),
                fix,
                with[1],
                withRate,
                withoutJudged,
                withoutRate,
                withRate - withoutRate);
      }
      lines.add(new CellFixes.Line(fix, c));
    }
    return Optional.of(new CellFixes(row.osFamily(), k, minReports, lines));
  }

  private static void add(long[] to, long[] s) {
    to[0] += s[0];
    to[1] += s[1];
  }

  /**
   * Whether the reports of these cell groups ("row hash | fix set") come from at least {@code k}
   * installations: the distinct installations of their cells' members, read until {@code k} are
   * found.
   */
  private boolean atLeastInstallations(long projectId, Set<String> groups, int k) {
    if (groups.isEmpty()) {
      return false;
    }
    List<Object> args = new ArrayList<>();
    args.add(projectId);
    List<String> pairs = new ArrayList<>();
    for (String g : groups) {
      int bar = g.indexOf('|');
      args.add(g.substring(0, bar));
      args.add(g.substring(bar + 1));
      pairs.add("(c.row_hash = ? AND c.fixes_key = ?)");
    }
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM (SELECT DISTINCT m.installation_id FROM matrix_member m JOIN"
                + " matrix_cell c ON c.project_id = m.project_id AND c.cell_hash = m.cell_hash"
                + " WHERE m.project_id = ? AND ("
                + String.join(" OR ", pairs)
                + ") FETCH FIRST "
                + k
                + " ROWS ONLY) t",
            Integer.class,
            args.toArray());
    return n != null && n >= k;
  }
}
