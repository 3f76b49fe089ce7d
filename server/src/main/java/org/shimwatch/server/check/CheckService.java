package org.shimwatch.server.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.shimwatch.server.matrix.CellCounts;
import org.shimwatch.server.matrix.MatrixTables;
import org.shimwatch.server.matrix.RowGroup;
import org.shimwatch.server.matrix.TierRules;
import org.shimwatch.server.matrix.Wilson;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.check.CheckAdvice;
import org.shimwatch.web.check.CheckAnswer;
import org.shimwatch.web.check.CheckChoices;
import org.shimwatch.web.check.CheckInput;
import org.shimwatch.web.check.CheckQuery;
import org.shimwatch.web.matrix.Tier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * "Will it work on my setup?", answered from the matrix rollups with nothing stored: the setup's
 * row and tier, the nearest rows with data, how success goes with each fix, the readme's
 * prerequisites and what the install layout means. Every figure shown comes from reports of at
 * least k installations (k = {@code shimwatch.matrix.min-installations}). Reads only: one query
 * over the project's rows, one over its cells and one over its rows' installation counts.
 *
 * <p><b>Nearest rows</b>: rows of the same OS family with data (k installations and judged
 * reports), ordered by (1) how many steps apart their stack versions are in that family's list of
 * stack versions, then (2) how many parts of the fix level differ (CSD level; NEWSTACK in or not),
 * then (3) whether the platform differs; at most {@link #NEAREST}.
 *
 * <p><b>Fixes</b>: among reports of the same OS family and stack version, each fix ({@code
 * kind:id}, any version) splits the reports into those with it and those without. A side's distinct
 * installations are not kept, so a lower bound stands in: its largest stored cell, or a whole row
 * whose reports all fall on that side. Figures are shown when both sides reach k. The missing fix
 * that goes with success most is the one with the highest Wilson lower bound among those whose
 * success rate with it beats the rate without it.
 */
@Service
class CheckService implements CheckQuery {

  /** Nearest rows shown: enough to compare, few enough to read. */
  static final int NEAREST = 3;

  private final ProjectService projects;
  private final MatrixTables tables;
  private final ShimwatchProperties properties;
  private final ObjectProvider<CheckAdviceSource> advice;

  CheckService(
      ProjectService projects,
      MatrixTables tables,
      ShimwatchProperties properties,
      ObjectProvider<CheckAdviceSource> advice) {
    this.projects = projects;
    this.tables = tables;
    this.properties = properties;
    this.advice = advice;
  }

  @Override
  public Optional<CheckChoices> choices(String project) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    Set<String> platforms = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Set<String> stacks = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (MatrixTables.Row r : tables.rows(p.get().getId())) {
      platforms.add(r.platformLabel());
      stacks.add(r.stackLabel());
    }
    return Optional.of(new CheckChoices(new ArrayList<>(platforms), new ArrayList<>(stacks)));
  }

  @Override
  public Optional<CheckAnswer> check(String project, CheckInput input) {
    // The input is checked before the project is looked up: a bad question is a 400 anywhere.
    Optional<Project> p = projects.find(project);
    long projectId = p.map(Project::getId).orElse(-1L);
    List<MatrixTables.Row> rows = p.isEmpty() ? List.of() : tables.rows(projectId);
    List<String> understood = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    CheckedSetup setup = SetupReader.read(input, rows, understood, unread);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    int k = properties.matrix().minInstallations();
    String slug = p.get().getSlug();
    if (setup == null) {
      return Optional.of(
          new CheckAnswer(
              slug,
              k,
              false,
              understood,
              unread,
              null,
              null,
              List.of(),
              List.of(),
              null,
              List.of(),
              null,
              List.of(),
              false));
    }

    Map<String, MatrixTables.Row> byKey = new HashMap<>();
    rows.forEach(r -> byKey.put(r.hash(), r));
    List<MatrixTables.Cell> cells = tables.cells(projectId);
    Map<String, Long> rowInstallations = tables.rowInstallations(projectId);
    Map<String, CellCounts> rowCounts = new HashMap<>();
    for (MatrixTables.Cell c : cells) {
      rowCounts.merge(c.rowHash(), c.counts(), CellCounts::plus);
    }

    RowGroup group = setup.group();
    String rowKey = group.key();
    MatrixTables.Row own = byKey.get(rowKey);
    CheckAnswer.RowAnswer row =
        own == null
            ? null
            : rowAnswer(own, rowCounts.get(rowKey), rowInstallations.get(rowKey), k, null);

    List<CheckAnswer.RowAnswer> nearest = nearest(group, rows, rowCounts, rowInstallations, k);
    FixFigures fixes = new FixFigures(group, setup.fixes(), byKey, cells, rowInstallations, k);

    List<CheckAdvice> adviceList = new ArrayList<>();
    advice.orderedStream().forEach(a -> adviceList.addAll(a.adviceFor(project, setup, rowKey)));
    String client =
        setup.environment().client() == null
            ? null
            : org.shimwatch.server.rollup.RolledReport.label(
                setup.environment().client().name(), setup.environment().client().version(), "");
    return Optional.of(
        new CheckAnswer(
            slug,
            k,
            true,
            understood,
            unread,
            new CheckAnswer.Setup(
                group.osFamily(),
                group.platformLabel(),
                group.stackLabel(),
                group.fixLevelLabel(),
                setup.fixes(),
                client),
            row,
            nearest,
            fixes.yours(),
            fixes.bestMissing(),
            Prerequisites.of(setup),
            InstallLayouts.of(setup),
            adviceList,
            false));
  }

  /** A row with all its cells added up; figures only from k installations on. */
  static CheckAnswer.RowAnswer rowAnswer(
      MatrixTables.Row r, CellCounts counts, Long installations, int k, String distance) {
    long n = installations == null ? 0 : installations;
    if (counts == null || n < k) {
      return new CheckAnswer.RowAnswer(
          r.hash(),
          r.platformLabel(),
          r.stackLabel(),
          r.fixLevelLabel(),
          Tier.NOT_ENOUGH_DATA.label(),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          distance);
    }
    TierRules.Counts t = counts.tier();
    TierRules.Verdict v = TierRules.judge(t);
    Wilson.Interval i = Wilson.interval(t.successes(), t.judged());
    return new CheckAnswer.RowAnswer(
        r.hash(),
        r.platformLabel(),
        r.stackLabel(),
        r.fixLevelLabel(),
        v.tier().label(),
        counts.reports(),
        n,
        t.successes(),
        t.judged(),
        i.lower(),
        i.upper(),
        v.trapShare(),
        distance);
  }

  /** A candidate row and how far it is. */
  private record Candidate(MatrixTables.Row row, int stackSteps, int fixLevel, int platform) {}

  static List<CheckAnswer.RowAnswer> nearest(
      RowGroup group,
      List<MatrixTables.Row> rows,
      Map<String, CellCounts> rowCounts,
      Map<String, Long> rowInstallations,
      int k) {
    String ownKey = group.key();
    List<String> versions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MatrixTables.Row r : rows) {
      if (r.osFamily().equals(group.osFamily()) && seen.add(r.stackVersion())) {
        versions.add(r.stackVersion());
      }
    }
    if (seen.add(group.stackVersion())) {
      versions.add(group.stackVersion());
    }
    versions.sort(Versions.ORDER);
    int ownIndex = versions.indexOf(group.stackVersion());
    List<Candidate> candidates = new ArrayList<>();
    for (MatrixTables.Row r : rows) {
      CellCounts counts = rowCounts.get(r.hash());
      if (r.hash().equals(ownKey)
          || !r.osFamily().equals(group.osFamily())
          || counts == null
          || counts.tier().judged() == 0
          || rowInstallations.getOrDefault(r.hash(), 0L) < k) {
        continue;
      }
      int steps =
          group.stackVersion().isEmpty()
              ? 0
              : Math.abs(versions.indexOf(r.stackVersion()) - ownIndex)
                  + (r.stackName().equals(group.stackName()) ? 0 : versions.size());
      boolean samePlatform =
          r.osName().equals(group.osName()) && r.osVersion().equals(group.osVersion());
      candidates.add(
          new Candidate(r, steps, group.fixLevelDistance(r.group()), samePlatform ? 0 : 1));
    }
    candidates.sort(
        Comparator.comparingInt(Candidate::stackSteps)
            .thenComparingInt(Candidate::fixLevel)
            .thenComparingInt(Candidate::platform)
            .thenComparing(c -> c.row().hash()));
    List<CheckAnswer.RowAnswer> out = new ArrayList<>();
    for (Candidate c : candidates.subList(0, Math.min(NEAREST, candidates.size()))) {
      out.add(
          rowAnswer(
              c.row(),
              rowCounts.get(c.row().hash()),
              rowInstallations.get(c.row().hash()),
              k,
              distance(group, c)));
    }
    return out;
  }

  private static String distance(RowGroup group, Candidate c) {
    List<String> parts = new ArrayList<>();
    MatrixTables.Row r = c.row();
    if (c.stackSteps() == 0) {
      parts.add("same stack");
    } else {
      parts.add(
          "stack "
              + r.stackLabel()
              + (c.stackSteps() == 1
                  ? ", one version away"
                  : ", " + c.stackSteps() + " versions away"));
    }
    if (!r.fixLevelLabel().isEmpty()) {
      parts.add(c.fixLevel() == 0 ? "same fix level" : "fix level " + r.fixLevelLabel());
    }
    parts.add(c.platform() == 0 ? "same platform" : "on " + r.platformLabel());
    return String.join(", ", parts);
  }
}
