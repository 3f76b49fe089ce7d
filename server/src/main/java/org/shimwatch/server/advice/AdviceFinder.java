package org.shimwatch.server.advice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Report;
import org.shimwatch.report.Trap;
import org.shimwatch.server.matrix.MatrixTables;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.KnownIssue;
import org.shimwatch.server.report.Receipt;
import org.shimwatch.server.rollup.ReportChildren;
import org.shimwatch.server.rollup.TrapSigner;
import org.shimwatch.web.advice.AdviceMarkdown;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.advice.AdviceView;
import org.shimwatch.web.matrix.CellDetail;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds the advice that applies to a set-up, a matrix cell, a trap group or a report's traps, with
 * {@link AdviceMatcher} deciding. A project's entries (few, and read on every public page and on
 * every report with a trap) are kept in memory, reloaded after a change on this instance and at the
 * latest {@link #FRESH_FOR} after they were read, so another instance's change shows within that
 * time.
 *
 * <p>{@link #forEnvironment} is the entry point for any page or API that knows a set-up (the check
 * answer).
 */
@Service
public class AdviceFinder implements AdviceQuery {

  /** How long a project's entries are used before they are read again. */
  static final Duration FRESH_FOR = Duration.ofSeconds(30);

  /** Longest workaround line a receipt carries. */
  static final int WORKAROUND_LENGTH = 200;

  private final ProjectService projects;
  private final AdviceStore store;
  private final MatrixTables tables;
  private final TrapSigner signer;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Map<Long, Snapshot> cache = new ConcurrentHashMap<>();

  AdviceFinder(
      ProjectService projects,
      AdviceStore store,
      MatrixTables tables,
      TrapSigner signer,
      JdbcTemplate jdbc,
      Clock clock) {
    this.projects = projects;
    this.store = store;
    this.tables = tables;
    this.signer = signer;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A project's entries as read at one time, with the stacks each entry's trap group was seen on.
   */
  private record Snapshot(
      Instant read, List<AdviceStore.Stored> entries, Map<Long, Set<String>> groupStacks) {

    boolean anyTrapGroup() {
      return entries.stream().anyMatch(e -> e.appliesTo().trapGroupId() != null);
    }
  }

  /**
   * The entries of a project that apply to a set-up, most recently changed first.
   *
   * @return empty when there is no such project
   */
  public Optional<List<AdviceView>> forEnvironment(String project, AdviceEnvironment environment) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        snapshot(p.get().getId()).entries().stream()
            .filter(e -> AdviceMatcher.applies(e.appliesTo(), e.fixedIn(), environment))
            .map(e -> view(p.get().getSlug(), e))
            .toList());
  }

  /**
   * The known issues of a report: advice for the trap groups its traps fall in that applies to its
   * set-up. Costs nothing for a report without a trap or a project without trap group advice.
   */
  public List<KnownIssue> knownIssues(long projectId, String slug, Report report) {
    if (report.traps() == null || report.traps().isEmpty()) {
      return List.of();
    }
    Snapshot s = snapshot(projectId);
    if (!s.anyTrapGroup()) {
      return List.of();
    }
    Environment env = report.environment();
    Set<String> signatures = new HashSet<>();
    int i = 0;
    for (Trap t : report.traps()) {
      signatures.add(signer.sign(ReportChildren.row(i++, t), env.os().family()));
    }
    Set<Long> groups = new HashSet<>();
    for (AdviceStore.Stored e : s.entries()) {
      if (e.trapGroupSignature() != null && signatures.contains(e.trapGroupSignature())) {
        groups.add(e.appliesTo().trapGroupId());
      }
    }
    if (groups.isEmpty()) {
      return List.of();
    }
    AdviceEnvironment of = environment(report, groups);
    List<KnownIssue> out = new ArrayList<>();
    for (AdviceStore.Stored e : s.entries()) {
      if (e.appliesTo().trapGroupId() != null
          && groups.contains(e.appliesTo().trapGroupId())
          && AdviceMatcher.applies(e.appliesTo(), e.fixedIn(), of)
          && out.size() < Receipt.MAX_KNOWN_ISSUES) {
        out.add(
            new KnownIssue(
                e.title(),
                AdviceMarkdown.firstLine(e.body(), WORKAROUND_LENGTH),
                e.fixedIn(),
                view(slug, e).publicPath()));
      }
    }
    return out;
  }

  /** A report's set-up, with the trap groups it trapped in. */
  static AdviceEnvironment environment(Report report, Set<Long> trapGroups) {
    Environment env = report.environment();
    List<String> fixes = new ArrayList<>();
    if (env.fixes() != null) {
      for (Environment.Fix f : env.fixes()) {
        fixes.add(f.kind() + ":" + f.id() + (f.version() == null ? "" : "=" + f.version()));
      }
    }
    String mode = null;
    String shim = null;
    if (env.shim() != null) {
      shim = env.shim().version();
      if (env.shim().installMode() != null) {
        mode = env.shim().installMode().name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
    }
    return new AdviceEnvironment(
        env.stack() == null ? null : env.stack().name(),
        env.stack() == null ? null : env.stack().version(),
        fixes,
        mode,
        shim,
        trapGroups);
  }

  @Override
  public Optional<List<AdviceView>> all(String project) {
    return projects
        .find(project)
        .map(p -> snapshot(p.getId()).entries().stream().map(e -> view(p.getSlug(), e)).toList());
  }

  @Override
  public Optional<AdviceView> one(String project, long id) {
    return projects
        .find(project)
        .flatMap(p -> store.one(p.getId(), id).map(e -> view(p.getSlug(), e)));
  }

  @Override
  public List<AdviceView> forCell(CellDetail cell) {
    Optional<Project> p = projects.find(cell.project());
    if (p.isEmpty()) {
      return List.of();
    }
    long projectId = p.get().getId();
    Snapshot s = snapshot(projectId);
    if (s.entries().isEmpty()) {
      return List.of();
    }
    Optional<MatrixTables.Row> row = tables.row(projectId, cell.row().key());
    if (row.isEmpty()) {
      return List.of();
    }
    AdviceEnvironment env =
        cellEnvironment(s, row.get(), cell.columnsBy(), cell.column(), cell.shim());
    return s.entries().stream()
        .filter(e -> AdviceMatcher.applies(e.appliesTo(), e.fixedIn(), env))
        .map(e -> view(p.get().getSlug(), e))
        .toList();
  }

  @Override
  public Set<String> cellsWithAdvice(MatrixView view, String shim) {
    Optional<Project> p = projects.find(view.project());
    if (p.isEmpty()) {
      return Set.of();
    }
    long projectId = p.get().getId();
    Snapshot s = snapshot(projectId);
    if (s.entries().isEmpty() || view.cells().isEmpty()) {
      return Set.of();
    }
    Map<String, MatrixTables.Row> rows = new HashMap<>();
    tables.rows(projectId).forEach(r -> rows.put(r.hash(), r));
    Set<String> out = new LinkedHashSet<>();
    for (MatrixCell c : view.cells()) {
      MatrixRow row = view.rows().get(c.row());
      MatrixColumn column = view.columns().get(c.column());
      MatrixTables.Row stored = rows.get(row.key());
      if (stored == null) {
        continue;
      }
      AdviceEnvironment env = cellEnvironment(s, stored, view.columnsBy(), column, shim);
      if (s.entries().stream()
          .anyMatch(e -> AdviceMatcher.applies(e.appliesTo(), e.fixedIn(), env))) {
        out.add(row.key() + "|" + column.key());
      }
    }
    return out;
  }

  /**
   * A cell's set-up: its row's stack and fixes, the shim version of its column or of the shim
   * filter, and the trap groups seen on its stack. The install mode is not a matrix dimension.
   */
  private static AdviceEnvironment cellEnvironment(
      Snapshot s, MatrixTables.Row row, MatrixColumns by, MatrixColumn column, String shimFilter) {
    String shim = by == MatrixColumns.SHIM ? column.shimVersion() : shimFilter;
    if (shim != null && shim.isEmpty()) {
      shim = null;
    }
    Set<Long> groups = new HashSet<>();
    String stack = row.stackLabel();
    s.groupStacks()
        .forEach(
            (g, stacks) -> {
              if (stacks.contains(stack)) {
                groups.add(g);
              }
            });
    return new AdviceEnvironment(
        // A row groups several fix sets, so its fixes are not known: an entry about a fix shows
        // on the row's cells with its condition in words.
        row.stackName(), row.stackVersion(), null, null, shim, groups);
  }

  @Override
  public List<AdviceView> forTrapGroup(String project, long trapGroupId) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return List.of();
    }
    return snapshot(p.get().getId()).entries().stream()
        .filter(e -> Long.valueOf(trapGroupId).equals(e.appliesTo().trapGroupId()))
        .map(e -> view(p.get().getSlug(), e))
        .toList();
  }

  /** Forgets what was read of a project's entries: the next read sees the change. */
  void changed(long projectId) {
    cache.remove(projectId);
  }

  private Snapshot snapshot(long projectId) {
    Instant now = clock.instant();
    Snapshot s = cache.get(projectId);
    if (s != null && now.isBefore(s.read().plus(FRESH_FOR))) {
      return s;
    }
    List<AdviceStore.Stored> entries = store.all(projectId);
    Map<Long, Set<String>> stacks = new HashMap<>();
    List<Long> groups =
        entries.stream()
            .map(e -> e.appliesTo().trapGroupId())
            .filter(g -> g != null)
            .distinct()
            .toList();
    if (!groups.isEmpty()) {
      String in = String.join(", ", groups.stream().map(g -> "?").toList());
      jdbc.query(
          "SELECT group_id, dim_value FROM trap_group_dim WHERE dimension = 'stack' AND group_id"
              + " IN ("
              + in
              + ")",
          rs -> {
            stacks.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
          },
          groups.toArray());
    }
    s = new Snapshot(now, entries, stacks);
    cache.put(projectId, s);
    return s;
  }

  private static AdviceView view(String slug, AdviceStore.Stored e) {
    return new AdviceView(
        e.id(),
        slug,
        e.title(),
        e.body(),
        e.appliesTo(),
        e.trapGroupLabel(),
        e.fixedIn(),
        e.createdAt(),
        e.createdBy(),
        e.updatedAt(),
        e.updatedBy());
  }
}
