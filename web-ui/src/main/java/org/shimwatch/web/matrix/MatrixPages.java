package org.shimwatch.web.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.trends.TrendQuery;
import org.shimwatch.web.trends.TrendViews;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Builds what the matrix page shows: one table line per row with a slot per column, the filter
 * choices, export and badge links. The home page uses it too when there is one project.
 */
@Component
public class MatrixPages {

  /** The page's template. */
  public static final String VIEW = "matrix/matrix";

  /** A table line: a row and its cells, one slot per column. */
  public record Line(MatrixRow row, List<Slot> slots) {}

  /**
   * A table cell.
   *
   * @param href the drill-down, {@code null} for an empty slot
   * @param style the tier's text and colour, {@code null} for an empty slot
   * @param lowSample a maintainer sees the computed tier of a cell with few installations
   * @param counts short count text, {@code null} when the counts are hidden
   * @param title the cell in a sentence, for the link's title
   */
  public record Slot(String href, TierStyle style, boolean lowSample, String counts, String title) {

    public boolean empty() {
      return href == null;
    }

    /** The table cell's classes: its tier's colour, and whether it is a low sample. */
    public String cssClass() {
      if (empty()) {
        return "cell empty";
      }
      return "cell " + style.cssClass() + (lowSample ? " low" : "");
    }
  }

  /** The badge of the current filters: where it is, and the Markdown for a README. */
  public record Badge(String path, String markdown) {}

  private final MatrixQuery matrix;
  private final MatrixPageQuery pages;
  private final ObjectProvider<AdviceQuery> advice;
  private final TrendQuery trends;

  public MatrixPages(
      MatrixQuery matrix,
      MatrixPageQuery pages,
      ObjectProvider<AdviceQuery> advice,
      TrendQuery trends) {
    this.matrix = matrix;
    this.pages = pages;
    this.advice = advice;
    this.trends = trends;
  }

  /**
   * Fills the model for the matrix of a project.
   *
   * @return whether the project exists
   * @throws org.shimwatch.web.BadQueryException when a filter is malformed
   */
  public boolean fill(Model model, String project, MatrixFilters filters, boolean maintainer) {
    Optional<MatrixView> found = matrix.matrix(project, filters.request(maintainer));
    if (found.isEmpty()) {
      return false;
    }
    MatrixView view = found.get();
    String slug = view.project();
    model.addAttribute("project", slug);
    model.addAttribute("view", view);
    model.addAttribute("filters", filters);
    model.addAttribute("choices", pages.choices(slug).orElse(MatrixChoices.none()));
    model.addAttribute("lines", lines(view, filters));
    AdviceQuery known = advice.getIfAvailable();
    Set<String> marked = known == null ? Set.of() : known.cellsWithAdvice(view, filters.shim());
    // Cells with advice, as rowKey|columnKey: the matrix marks them "known issue".
    model.addAttribute("adviceCells", marked);
    model.addAttribute(
        "knownIssuesHref", marked.isEmpty() ? null : "/known-issues/" + MatrixFilters.encode(slug));
    model.addAttribute("tiers", TierStyle.ALL);
    model.addAttribute("pagePath", "/matrix/" + MatrixFilters.encode(slug));
    String api = "/api/v1/projects/" + MatrixFilters.encode(slug) + "/matrix";
    model.addAttribute("jsonHref", MatrixFilters.withQuery(api, filters.parameters()));
    Map<String, String> csv = new LinkedHashMap<>(filters.parameters());
    csv.put("format", "csv");
    model.addAttribute("csvHref", MatrixFilters.withQuery(api, csv));
    model.addAttribute("badge", badge(slug, filters));
    model.addAttribute("activityChart", trends.months(slug).map(TrendViews::months).orElse(null));
    return true;
  }

  static List<Line> lines(MatrixView view, MatrixFilters filters) {
    int columns = view.columns().size();
    List<Slot[]> grid = new ArrayList<>();
    for (int i = 0; i < view.rows().size(); i++) {
      grid.add(new Slot[columns]);
    }
    for (MatrixCell c : view.cells()) {
      MatrixRow row = view.rows().get(c.row());
      MatrixColumn column = view.columns().get(c.column());
      grid.get(c.row())[c.column()] = slot(view, row, column, c, filters);
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < view.rows().size(); i++) {
      List<Slot> slots = new ArrayList<>(columns);
      for (Slot s : grid.get(i)) {
        slots.add(s == null ? new Slot(null, null, false, null, null) : s);
      }
      lines.add(new Line(view.rows().get(i), slots));
    }
    return lines;
  }

  private static Slot slot(
      MatrixView view, MatrixRow row, MatrixColumn column, MatrixCell c, MatrixFilters filters) {
    TierStyle style = TierStyle.of(c.tier());
    boolean low = Boolean.TRUE.equals(c.lowSample()) && c.reports() != null;
    String counts = null;
    String title =
        style.label() + ": " + row.platform() + ", " + row.stack() + ", " + column.label();
    if (c.reports() != null) {
      counts = plural(c.reports(), "report") + ", " + plural(c.installations(), "installation");
      title += " (" + counts + ")";
    }
    return new Slot(
        cellHref(view.project(), view.columnsBy(), row.key(), column.key(), filters),
        style,
        low,
        counts,
        title);
  }

  /** The drill-down of a cell: its row and column keys, and the filters it was shown under. */
  public static String cellHref(
      String project, MatrixColumns by, String rowKey, String columnKey, MatrixFilters filters) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("row", rowKey);
    p.put("columns", by.wireName());
    p.put("column", columnKey);
    filters.parameters().forEach((k, v) -> p.putIfAbsent(k, v));
    return MatrixFilters.withQuery("/matrix/" + MatrixFilters.encode(project) + "/cell", p);
  }

  static Badge badge(String project, MatrixFilters filters) {
    Map<String, String> p = new LinkedHashMap<>(filters.parameters());
    p.remove("columns");
    String slug = MatrixFilters.encode(project);
    String path =
        p.isEmpty()
            ? "/badge/" + slug + ".svg"
            : MatrixFilters.withQuery("/badge/" + slug + "/works-on.svg", p);
    String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    String page = MatrixFilters.withQuery("/matrix/" + slug, p);
    return new Badge(
        path, "[![Shimwatch compatibility](" + base + path + ")](" + base + page + ")");
  }

  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
