package org.shimwatch.web.matrix;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.cache.PublicVersionQuery;
import org.shimwatch.web.chart.ChartView;
import org.shimwatch.web.trends.TrendQuery;
import org.shimwatch.web.trends.TrendViews;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Builds what the matrix page shows: the table's body (see {@link MatrixTableBody}), the filter
 * choices, export and badge links. The home page uses it too when there is one project.
 */
@Component
public class MatrixPages {

  /** The page's template. */
  public static final String VIEW = "matrix/matrix";

  private static final String CHART = "fragments/charts";
  private static final String CHART_FRAGMENT = "chart";

  /** The badge of the current filters: where it is, and the Markdown for a README. */
  public record Badge(String path, String markdown) {}

  private final MatrixQuery matrix;
  private final MatrixPageQuery pages;
  private final ObjectProvider<AdviceQuery> advice;
  private final TrendQuery trends;
  private final PublicVersionQuery versions;
  private final ITemplateEngine templates;

  /** A project's public version and the day. */
  private record Key(String project, long version, LocalDate day) {}

  /**
   * What a project's pages show whatever the filters, ready to write: the filter form's choices as
   * {@code <option>} lists, and the monthly chart as HTML ({@code null} without one).
   */
  private record Shared(Options options, String activity) {}

  /** Each filter's choices as the {@code <option>} elements of its {@code <datalist>}. */
  public record Options(
      String platforms, String stacks, String clients, String clientVersions, String shims) {

    static Options of(MatrixChoices c) {
      return new Options(
          options(c.platforms()),
          options(c.stacks()),
          options(c.clients()),
          options(c.clientVersions()),
          options(c.shims()));
    }

    private static String options(List<String> values) {
      StringBuilder out = new StringBuilder();
      for (String v : values) {
        out.append("<option value=\"").append(MatrixTableBody.escape(v)).append("\"></option>");
      }
      return out.toString();
    }
  }

  /** Kept {@link Shared} parts: a few projects' current versions; old versions age out. */
  private static final int KEPT = 32;

  private final Map<Key, Shared> kept =
      new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Shared> eldest) {
          return size() > KEPT;
        }
      };

  public MatrixPages(
      MatrixQuery matrix,
      MatrixPageQuery pages,
      ObjectProvider<AdviceQuery> advice,
      TrendQuery trends,
      PublicVersionQuery versions,
      ITemplateEngine templates) {
    this.matrix = matrix;
    this.pages = pages;
    this.advice = advice;
    this.trends = trends;
    this.versions = versions;
    this.templates = templates;
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
    Shared same = shared(slug);
    model.addAttribute("project", slug);
    model.addAttribute("view", view);
    model.addAttribute("filters", filters);
    model.addAttribute("options", same.options());
    AdviceQuery known = advice.getIfAvailable();
    // Cells with advice, as rowKey|columnKey: the matrix marks them "known issue".
    Set<String> marked = known == null ? Set.of() : known.cellsWithAdvice(view, filters.shim());
    model.addAttribute("columnHeads", MatrixTableBody.columnHeads(view));
    model.addAttribute("tableBody", MatrixTableBody.html(view, filters, marked, contextPath()));
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
    model.addAttribute("activityChart", same.activity());
    return true;
  }

  /**
   * What every view of a project shows whatever its filters: the filter choices and the monthly
   * chart. Kept by the project's public version, which moves with every change the public can see
   * (read before the data, so a kept value is never older than its version), and by the day, as the
   * chart's months move with the calendar.
   */
  private Shared shared(String slug) {
    OptionalLong version = versions.version(slug);
    Key key =
        version.isPresent()
            ? new Key(slug, version.getAsLong(), LocalDate.now(ZoneOffset.UTC))
            : null;
    if (key != null) {
      synchronized (kept) {
        Shared s = kept.get(key);
        if (s != null) {
          return s;
        }
      }
    }
    Shared s =
        new Shared(
            Options.of(pages.choices(slug).orElse(MatrixChoices.none())),
            trends.months(slug).map(TrendViews::months).map(this::chart).orElse(null));
    if (key != null) {
      synchronized (kept) {
        kept.put(key, s);
      }
    }
    return s;
  }

  /** The chart as {@code fragments/charts :: chart} writes it (it has no link to resolve). */
  private String chart(ChartView chart) {
    Context context = new Context(Locale.ROOT, Map.of("c", chart));
    return templates.process(CHART, Set.of(CHART_FRAGMENT), context);
  }

  /** Where the application is, which the template's links carried before each path. */
  private static String contextPath() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
      return a.getRequest().getContextPath();
    }
    return "";
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
