package org.shimwatch.server.matrix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.rollup.Filter;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.matrix.CellComment;
import org.shimwatch.web.matrix.CellDetail;
import org.shimwatch.web.matrix.CellFixSet;
import org.shimwatch.web.matrix.CellRequest;
import org.shimwatch.web.matrix.MatrixChoices;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixPageQuery;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The matrix pages' reads beyond the matrix: the filter values present, and a cell's drill-down. A
 * drill-down reads one row, that row's stored cells and at most one distinct-installation count
 * from the rollups, plus the approved comments of the cell's reports.
 */
@Service
class MatrixPageService implements MatrixPageQuery {

  /** Row and column keys are {@link org.shimwatch.server.rollup.KeyHash}es: 32 hex digits. */
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

  /** The comment status of a comment the public may read. */
  static final String APPROVED = "approved";

  /** Exact (client, version, shim) combinations per comment query. */
  private static final int COMBINATIONS_PER_QUERY = 50;

  private final ProjectService projects;
  private final MatrixTables tables;
  private final ShimwatchProperties properties;
  private final JdbcTemplate jdbc;

  MatrixPageService(
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
  public Optional<MatrixChoices> choices(String project) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    List<MatrixTables.Cell> cells = tables.cells(projectId);
    Set<String> shown = new LinkedHashSet<>();
    Set<String> clients = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Set<String> clientVersions = new TreeSet<>(Versions.ORDER);
    Set<String> shims = new TreeSet<>(Versions.ORDER);
    for (MatrixTables.Cell c : cells) {
      shown.add(c.rowHash());
      addIfPresent(clients, c.clientName());
      addIfPresent(clientVersions, c.clientVersion());
      addIfPresent(shims, c.shimVersion());
    }
    Set<String> platforms = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Set<String> stacks = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (MatrixTables.Row r : tables.rows(projectId)) {
      if (!shown.contains(r.hash())) {
        continue;
      }
      addIfPresent(platforms, r.osFamily());
      addIfPresent(platforms, r.platformLabel());
      addIfPresent(stacks, r.stackLabel());
      addIfPresent(stacks, r.stackVersion());
    }
    return Optional.of(
        new MatrixChoices(
            new ArrayList<>(platforms),
            new ArrayList<>(stacks),
            new ArrayList<>(clients),
            new ArrayList<>(clientVersions),
            new ArrayList<>(shims)));
  }

  private static void addIfPresent(Set<String> set, String value) {
    if (value != null && !value.isBlank()) {
      set.add(value);
    }
  }

  @Override
  public Optional<CellDetail> cell(String project, CellRequest request) {
    String rowKey = key("row", request.row());
    String columnKey = key("column", request.column());
    String client = Filter.of("client", request.client());
    String clientVersion = Filter.of("clientVersion", request.clientVersion());
    String shim = Filter.of("shim", request.shim());
    MatrixService.requireClientWithVersion(client, clientVersion);
    MatrixColumns by = request.columns() == null ? MatrixColumns.CLIENT : request.columns();
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    Optional<MatrixTables.Row> found = tables.row(projectId, rowKey);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MatrixTables.Row row = found.get();

    List<MatrixTables.Cell> stored = new ArrayList<>();
    for (MatrixTables.Cell c : tables.cellsOfRow(projectId, rowKey)) {
      if (Filter.matches(client, c.clientName())
          && Filter.matches(clientVersion, c.clientVersion())
          && Filter.matches(shim, c.shimVersion())
          && MatrixService.columnKey(by, c).equals(columnKey)) {
        stored.add(c);
      }
    }
    if (stored.isEmpty()) {
      return Optional.empty();
    }

    // The same counts as the matrix's cell: stored cells added up, and the distinct installations
    // of their coarse cell (which do not add up) read from its own counter.
    String family = MatrixService.family(by, client, clientVersion, shim);
    MatrixTables.Cell sum = null;
    long installations = 0;
    Set<String> coarseKeys = new LinkedHashSet<>();
    for (MatrixTables.Cell c : stored) {
      coarseKeys.add(MatrixService.coarseKey(family, c));
      sum = sum == null ? c : sum.plus(c, c.clientName(), c.clientVersion(), c.shimVersion(), 0);
    }
    for (String k : coarseKeys) {
      installations += tables.distinctOf(projectId, k);
    }
    MatrixTables.Cell first = stored.get(0);
    MatrixColumn column = MatrixService.column(by, columnKey, first);
    MatrixRow rowView = MatrixService.rowView(row, request.maintainer());

    int k = properties.matrix().minInstallations();
    boolean lowSample = installations < k;
    if (lowSample && !request.maintainer()) {
      return Optional.of(
          new CellDetail(
              p.get().getSlug(),
              by,
              k,
              false,
              rowView,
              column,
              client,
              clientVersion,
              shim,
              Tier.NOT_ENOUGH_DATA,
              true,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              List.of(),
              List.of(),
              null));
    }
    TierRules.Counts counts = sum.counts().tier();
    TierRules.Verdict verdict = TierRules.judge(counts);
    FixSets fixSets = fixSets(stored, k, request.maintainer());
    Wilson.Interval interval = Wilson.interval(counts.successes(), counts.judged());
    return Optional.of(
        new CellDetail(
            p.get().getSlug(),
            by,
            k,
            request.maintainer(),
            rowView,
            column,
            client,
            clientVersion,
            shim,
            verdict.tier(),
            lowSample,
            sum.counts().reports(),
            installations,
            sum.counts().outcomes(),
            sum.counts().evidence(),
            counts.successes(),
            counts.judged(),
            interval.lower(),
            interval.upper(),
            verdict.trapShare(),
            sum.lastSeen(),
            comments(projectId, row, stored),
            fixSets.shown(),
            fixSets.otherReports()));
  }

  /** A drill-down's fix sets: those shown on their own, and the reports of the rest. */
  record FixSets(List<CellFixSet> shown, long otherReports) {}

  /**
   * The full fix sets of a cell's stored cells. A set's distinct installations are not kept, but
   * each stored cell's are, and the set has at least as many as its largest stored cell: a set is
   * shown on its own when that lower bound reaches k (for maintainers always), so no shown set can
   * come from fewer installations.
   */
  static FixSets fixSets(List<MatrixTables.Cell> stored, int k, boolean maintainer) {
    Map<String, MatrixTables.Cell> sums = new LinkedHashMap<>();
    Map<String, Long> atLeast = new HashMap<>();
    for (MatrixTables.Cell c : stored) {
      sums.merge(
          c.fixesKey(),
          c,
          (a, b) -> a.plus(b, a.clientName(), a.clientVersion(), a.shimVersion(), 0));
      atLeast.merge(c.fixesKey(), c.counts().installations(), Math::max);
    }
    List<CellFixSet> shown = new ArrayList<>();
    long other = 0;
    for (Map.Entry<String, MatrixTables.Cell> e : sums.entrySet()) {
      CellCounts counts = e.getValue().counts();
      if (!maintainer && atLeast.get(e.getKey()) < k) {
        other += counts.reports();
        continue;
      }
      TierRules.Counts t = counts.tier();
      Wilson.Interval interval = Wilson.interval(t.successes(), t.judged());
      shown.add(
          new CellFixSet(
              RowGroup.fixes(e.getKey()),
              counts.reports(),
              t.successes(),
              t.judged(),
              interval.lower(),
              interval.upper()));
    }
    shown.sort(
        Comparator.comparingLong(CellFixSet::reports)
            .reversed()
            .thenComparing(f -> String.join(",", f.fixes())));
    return new FixSets(shown, other);
  }

  private static String key(String parameter, String value) {
    String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
    if (!KEY.matcher(v).matches()) {
      throw new BadQueryException(
          "invalid-cell", parameter, parameter + " is not the key of a matrix " + parameter);
    }
    return v;
  }

  /**
   * The newest approved comments of the reports in these stored cells. The lookup narrows on the
   * project's approved comments first (an index serves it), then on the row's platform and stack
   * name and the cells' exact fix sets and versions, so it never reads the project's other reports;
   * the row's grouped stack version and fix level are then checked on each comment found (they are
   * derived from the report, not stored in it).
   */
  List<CellComment> comments(long projectId, MatrixTables.Row row, List<MatrixTables.Cell> cells) {
    List<Object[]> combos = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (MatrixTables.Cell c : cells) {
      if (seen.add(List.of(c.clientName(), c.clientVersion(), c.shimVersion(), c.fixesKey()))) {
        combos.add(new Object[] {c.clientName(), c.clientVersion(), c.shimVersion(), c.fixesKey()});
      }
    }
    List<Found> found = new ArrayList<>();
    for (int i = 0; i < combos.size(); i += COMBINATIONS_PER_QUERY) {
      List<Object[]> part = combos.subList(i, Math.min(combos.size(), i + COMBINATIONS_PER_QUERY));
      List<Object> args = new ArrayList<>();
      args.add(projectId);
      args.add(APPROVED);
      args.add(row.osFamily());
      args.add(row.osName());
      args.add(row.osVersion());
      args.add(row.stackName());
      for (Object[] combo : part) {
        args.addAll(List.of(combo));
      }
      jdbc.query(
          commentSql(part.size()),
          rs -> {
            RowGroup group =
                RowGroup.of(
                    row.osFamily(),
                    row.osName(),
                    row.osVersion(),
                    row.stackName(),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10));
            if (!group.key().equals(row.hash())) {
              return;
            }
            Instant created = rs.getTimestamp(2).toInstant();
            Instant received = rs.getTimestamp(3).toInstant();
            found.add(
                new Found(
                    rs.getLong(1),
                    received,
                    new CellComment(
                        created.isAfter(received) ? received : created,
                        rs.getString(4),
                        RolledReport.nz(rs.getString(5)),
                        RolledReport.nz(rs.getString(6)),
                        rs.getString(7))));
          },
          args.toArray());
    }
    return found.stream()
        .filter(f -> f.comment().text() != null && !f.comment().text().isBlank())
        .sorted(
            Comparator.comparing(Found::received, Comparator.reverseOrder())
                .thenComparing(Found::id, Comparator.reverseOrder()))
        .limit(CellDetail.MAX_COMMENTS)
        .map(Found::comment)
        .toList();
  }

  /**
   * Comments read per lookup before the row's grouped stack version and fix level are checked:
   * enough that a row's newest {@link CellDetail#MAX_COMMENTS} survive the check unless other
   * kernel series or CSD levels of the same platform and fix set crowd them out.
   */
  static final int COMMENTS_READ = 10 * CellDetail.MAX_COMMENTS;

  /**
   * The comment lookup for a number of exact (client, client version, shim version, fixes)
   * combinations. Its parameters: project id, {@link #APPROVED}, OS family, name and version, stack
   * name, then four per combination.
   */
  static String commentSql(int combinations) {
    String inactive =
        String.join(
            ", ",
            RolledReport.SHIM_INACTIVE_MODES.stream().sorted().map(m -> "'" + m + "'").toList());
    // The project's approved comments come from their index, as a subquery with the status bound
    // as a parameter: written plainly, H2 picks the index on project_id alone once the row's
    // columns join the conditions, and reads every report of the project (the test of this plan
    // guards it).
    StringBuilder sql =
        new StringBuilder(
                "SELECT id, created_at, received_at, client_name, client_version, shim_version,"
                    + " comment_text, stack_version, stack_level, fixes_key FROM report WHERE id IN"
                    + " (SELECT id FROM report WHERE project_id = ? AND comment_status = ?) AND"
                    + " os_family = ? AND COALESCE(os_name, '') = ? AND COALESCE(os_version, '') ="
                    + " ? AND COALESCE(stack_name, '') = ? AND install_mode NOT IN (")
            .append(inactive)
            .append(") AND (");
    for (int j = 0; j < combinations; j++) {
      if (j > 0) {
        sql.append(" OR ");
      }
      sql.append(
          "(client_name = ? AND COALESCE(client_version, '') = ? AND COALESCE(shim_version, '')"
              + " = ? AND fixes_key = ?)");
    }
    return sql.append(") ORDER BY received_at DESC, id DESC LIMIT ")
        .append(COMMENTS_READ)
        .toString();
  }

  /** A comment found, with what orders it. */
  private record Found(long id, Instant received, CellComment comment) {}
}
