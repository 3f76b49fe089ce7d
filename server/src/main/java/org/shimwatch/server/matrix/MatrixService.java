package org.shimwatch.server.matrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.rollup.Filter;
import org.shimwatch.server.rollup.KeyHash;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.matrix.Tier;
import org.springframework.stereotype.Service;

/**
 * The matrix as the API and pages show it, read from the rollup tables: one query over the
 * project's rows, one over its cells and one over the distinct installations of the view's columns,
 * so the cost follows the number of cells whatever the number of reports.
 */
@Service
class MatrixService implements MatrixQuery {

  private static final Comparator<MatrixTables.Row> ROW_ORDER =
      Comparator.comparing(MatrixTables.Row::osFamily)
          .thenComparing(MatrixTables.Row::osName, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(MatrixTables.Row::osVersion)
          .thenComparing(MatrixTables.Row::stackName)
          .thenComparing(MatrixTables.Row::stackVersion)
          .thenComparing(MatrixTables.Row::fixLevelKey);

  private final ProjectService projects;
  private final MatrixTables tables;
  private final ShimwatchProperties properties;

  MatrixService(ProjectService projects, MatrixTables tables, ShimwatchProperties properties) {
    this.projects = projects;
    this.tables = tables;
    this.properties = properties;
  }

  /** A client version filter means nothing without its client. */
  static void requireClientWithVersion(String client, String clientVersion) {
    if (clientVersion != null && client == null) {
      throw new BadQueryException(
          "client-version-without-client",
          "clientVersion",
          "clientVersion needs client: a version means nothing without its client");
    }
  }

  @Override
  public Optional<MatrixView> matrix(String project, MatrixRequest request) {
    String platform = Filter.of("platform", request.platform());
    String stack = Filter.of("stack", request.stack());
    String client = Filter.of("client", request.client());
    String clientVersion = Filter.of("clientVersion", request.clientVersion());
    String shim = Filter.of("shim", request.shim());
    requireClientWithVersion(client, clientVersion);
    MatrixColumns by = request.columns() == null ? MatrixColumns.CLIENT : request.columns();
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();

    Map<String, MatrixTables.Row> rows = new HashMap<>();
    for (MatrixTables.Row r : tables.rows(projectId)) {
      if (Filter.matches(platform, r.osFamily(), r.osName(), r.platformLabel())
          && Filter.matches(stack, r.stackName(), r.stackVersion(), r.stackLabel())) {
        rows.put(r.hash(), r);
      }
    }
    List<MatrixTables.Cell> stored = new ArrayList<>();
    for (MatrixTables.Cell c : tables.cells(projectId)) {
      if (rows.containsKey(c.rowHash())
          && Filter.matches(client, c.clientName())
          && Filter.matches(clientVersion, c.clientVersion())
          && Filter.matches(shim, c.shimVersion())) {
        stored.add(c);
      }
    }
    List<MatrixTables.Cell> cells = viewCells(projectId, by, client, clientVersion, shim, stored);

    // Rows with cells; a maintainer also sees rows that only have inactive-shim reports.
    Map<String, MatrixTables.Row> shown = new HashMap<>();
    for (MatrixTables.Cell c : cells) {
      shown.put(c.rowHash(), rows.get(c.rowHash()));
    }
    if (request.maintainer() && client == null && shim == null) {
      rows.values().stream().filter(r -> r.shimInactive() > 0).forEach(r -> shown.put(r.hash(), r));
    }
    List<MatrixTables.Row> rowList = new ArrayList<>(shown.values());
    rowList.sort(ROW_ORDER);
    Map<String, Integer> rowIndex = new HashMap<>();
    List<MatrixRow> rowViews = new ArrayList<>();
    for (MatrixTables.Row r : rowList) {
      rowIndex.put(r.hash(), rowViews.size());
      rowViews.add(rowView(r, request.maintainer()));
    }

    Map<String, MatrixColumn> columns = new LinkedHashMap<>();
    for (MatrixTables.Cell c : cells) {
      String key = columnKey(by, c);
      columns.computeIfAbsent(key, k -> column(by, k, c));
    }
    List<MatrixColumn> columnList = new ArrayList<>(columns.values());
    columnList.sort(by == MatrixColumns.CLIENT ? CLIENT_ORDER : SHIM_ORDER);
    Map<String, Integer> columnIndex = new HashMap<>();
    for (int i = 0; i < columnList.size(); i++) {
      columnIndex.put(columnList.get(i).key(), i);
    }

    int k = properties.matrix().minInstallations();
    List<MatrixCell> cellViews = new ArrayList<>(cells.size());
    for (MatrixTables.Cell c : cells) {
      cellViews.add(
          cell(
              c,
              rowIndex.get(c.rowHash()),
              columnIndex.get(columnKey(by, c)),
              k,
              request.maintainer()));
    }
    cellViews.sort(Comparator.comparingInt(MatrixCell::row).thenComparingInt(MatrixCell::column));
    return Optional.of(
        new MatrixView(
            p.get().getSlug(), by, k, request.maintainer(), rowViews, columnList, cellViews));
  }

  /** A row as views show it. */
  static MatrixRow rowView(MatrixTables.Row r, boolean maintainer) {
    return new MatrixRow(
        r.hash(),
        r.osFamily(),
        r.platformLabel(),
        r.stackLabel(),
        r.fixLevelLabel(),
        r.fixLevel(),
        maintainer ? r.shimInactive() : null);
  }

  /**
   * The view's cells from the stored ones. A stored cell is one row, fix set, client version and
   * shim version; a view's cell adds the stored cells of its row and column up (always over fix
   * sets), and its distinct installations come from the counts kept per coarse key (they do not add
   * up).
   */
  private List<MatrixTables.Cell> viewCells(
      long projectId,
      MatrixColumns by,
      String client,
      String clientVersion,
      String shim,
      List<MatrixTables.Cell> stored) {
    String family = family(by, client, clientVersion, shim);
    Map<String, Long> installations = tables.distinct(projectId, family);
    Map<String, MatrixTables.Cell> sums = new LinkedHashMap<>();
    for (MatrixTables.Cell c : stored) {
      String key = coarseKey(family, c);
      sums.merge(
          key,
          coarse(family, c, installations.getOrDefault(key, 0L)),
          (a, b) ->
              a.plus(
                  b,
                  a.clientName(),
                  a.clientVersion(),
                  a.shimVersion(),
                  a.counts().installations()));
    }
    return new ArrayList<>(sums.values());
  }

  /**
   * Which coarse cells a view adds stored cells up into: {@link MatrixTally#PAIR} for columns of
   * one dimension with a filter fixing the other, else {@link MatrixTally#CLIENT}, {@link
   * MatrixTally#SHIM} or {@link MatrixTally#NAME}.
   */
  static String family(MatrixColumns by, String client, String clientVersion, String shim) {
    if (by == MatrixColumns.CLIENT && shim != null
        || by == MatrixColumns.SHIM && client != null && clientVersion != null) {
      return MatrixTally.PAIR;
    }
    if (by == MatrixColumns.CLIENT) {
      return MatrixTally.CLIENT;
    }
    return client == null ? MatrixTally.SHIM : MatrixTally.NAME;
  }

  /** The key of the coarse cell of a family a stored cell belongs to. */
  static String coarseKey(String family, MatrixTables.Cell c) {
    if (family.equals(MatrixTally.CLIENT)) {
      return MatrixTally.clientKey(c.rowHash(), c.clientName(), c.clientVersion());
    }
    if (family.equals(MatrixTally.SHIM)) {
      return MatrixTally.shimKey(c.rowHash(), c.shimVersion());
    }
    if (family.equals(MatrixTally.PAIR)) {
      return MatrixTally.pairKey(c.rowHash(), c.clientName(), c.clientVersion(), c.shimVersion());
    }
    return MatrixTally.nameKey(c.rowHash(), c.clientName(), c.shimVersion());
  }

  /** A stored cell's counts under the key fields of its coarse cell in a family. */
  static MatrixTables.Cell coarse(String family, MatrixTables.Cell c, long installations) {
    if (family.equals(MatrixTally.CLIENT)) {
      return c.as(c.clientName(), c.clientVersion(), "", installations);
    }
    if (family.equals(MatrixTally.SHIM)) {
      return c.as("", "", c.shimVersion(), installations);
    }
    if (family.equals(MatrixTally.PAIR)) {
      return c.as(c.clientName(), c.clientVersion(), c.shimVersion(), installations);
    }
    return c.as(c.clientName(), "", c.shimVersion(), installations);
  }

  /** A cell as shown: the public sees only the tier of a cell with fewer than k installations. */
  static MatrixCell cell(MatrixTables.Cell c, int row, int column, int k, boolean maintainer) {
    CellCounts counts = c.counts();
    boolean lowSample = counts.installations() < k;
    if (lowSample && !maintainer) {
      return new MatrixCell(
          row, column, Tier.NOT_ENOUGH_DATA, true, null, null, null, null, null, null, null);
    }
    TierRules.Verdict v = TierRules.judge(counts.tier());
    return new MatrixCell(
        row,
        column,
        v.tier(),
        lowSample,
        counts.reports(),
        counts.installations(),
        counts.outcomes(),
        counts.evidence(),
        v.successLowerBound(),
        v.trapShare(),
        c.lastSeen());
  }

  static String columnKey(MatrixColumns by, MatrixTables.Cell c) {
    return by == MatrixColumns.CLIENT
        ? KeyHash.of("client", c.clientName(), c.clientVersion())
        : KeyHash.of("shim", c.shimVersion());
  }

  static MatrixColumn column(MatrixColumns by, String key, MatrixTables.Cell c) {
    if (by == MatrixColumns.CLIENT) {
      return new MatrixColumn(
          key,
          RolledReport.label(c.clientName(), c.clientVersion(), "unknown client"),
          c.clientName(),
          c.clientVersion(),
          null);
    }
    String label = c.shimVersion().isEmpty() ? "shim version unknown" : "shim " + c.shimVersion();
    return new MatrixColumn(key, label, null, null, c.shimVersion());
  }

  private static final Comparator<MatrixColumn> CLIENT_ORDER =
      Comparator.comparing(MatrixColumn::clientName, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(MatrixColumn::clientVersion, Versions.ORDER);

  /** Shim versions in version order, the unknown version last. */
  private static final Comparator<MatrixColumn> SHIM_ORDER =
      Comparator.comparing((MatrixColumn c) -> c.shimVersion().isEmpty())
          .thenComparing(MatrixColumn::shimVersion, Versions.ORDER);
}
