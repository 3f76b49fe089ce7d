package org.shimwatch.web.matrix;

import java.security.Principal;
import java.util.List;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.advice.AdviceView;
import org.shimwatch.web.cache.PublicCache;
import org.shimwatch.web.insight.CellFixQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * The public compatibility matrix of a project and the drill-down of its cells. A signed-in
 * maintainer sees the computed tier and counts of cells with few installations, marked as a low
 * sample; everyone else sees only {@code not enough data} there. Both answer {@code 304} from the
 * project's public version when the visitor's copy is current ({@link PublicCache}).
 */
@Controller
class MatrixPageController {

  private final MatrixPages pages;
  private final MatrixPageQuery query;
  private final ObjectProvider<AdviceQuery> advice;
  private final ObjectProvider<CellFixQuery> fixes;
  private final PublicCache cache;

  MatrixPageController(
      MatrixPages pages,
      MatrixPageQuery query,
      ObjectProvider<AdviceQuery> advice,
      ObjectProvider<CellFixQuery> fixes,
      PublicCache cache) {
    this.pages = pages;
    this.query = query;
    this.advice = advice;
    this.fixes = fixes;
    this.cache = cache;
  }

  @GetMapping("/matrix/{project}")
  ModelAndView matrix(
      @PathVariable String project,
      @RequestParam(required = false) String columns,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String stack,
      @RequestParam(required = false) String client,
      @RequestParam(required = false) String clientVersion,
      @RequestParam(required = false) String shim,
      Principal principal,
      ServletWebRequest web,
      Model model) {
    PublicCache.Check check =
        cache.project(web, project, PublicCache.Kind.PAGE, "matrix-page", principal != null);
    if (check.answered()) {
      return null;
    }
    MatrixFilters filters =
        new MatrixFilters(columns, platform, stack, client, clientVersion, shim);
    if (!pages.fill(model, project, filters, principal != null)) {
      throw new NotFound("project-not-found", "There is no such project.");
    }
    check.apply();
    return new ModelAndView(MatrixPages.VIEW, model.asMap());
  }

  @GetMapping("/matrix/{project}/cell")
  ModelAndView cell(
      @PathVariable String project,
      @RequestParam(required = false) String row,
      @RequestParam(required = false) String column,
      @RequestParam(required = false) String columns,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String stack,
      @RequestParam(required = false) String client,
      @RequestParam(required = false) String clientVersion,
      @RequestParam(required = false) String shim,
      Principal principal,
      ServletWebRequest web) {
    PublicCache.Check check =
        cache.project(web, project, PublicCache.Kind.PAGE, "cell-page", principal != null);
    if (check.answered()) {
      return null;
    }
    MatrixFilters filters =
        new MatrixFilters(columns, platform, stack, client, clientVersion, shim);
    if (row == null || row.isBlank() || column == null || column.isBlank()) {
      throw new BadQueryException(
          "missing-cell",
          row == null || row.isBlank() ? "row" : "column",
          "row and column name the cell");
    }
    CellRequest request =
        new CellRequest(
            row.strip(),
            filters.columnsBy(),
            column.strip(),
            filters.client(),
            filters.clientVersion(),
            filters.shim(),
            principal != null);
    CellDetail d =
        query
            .cell(project, request)
            .orElseThrow(
                () ->
                    new NotFound(
                        "cell-not-found",
                        "There is no such project, or no such cell in its matrix."));
    ModelAndView mv = new ModelAndView("matrix/cell");
    mv.addObject("page", CellPage.of(d));
    AdviceQuery known = advice.getIfAvailable();
    List<AdviceView> notes = known == null ? List.of() : known.forCell(d);
    mv.addObject("advice", notes);
    CellFixQuery correlation = fixes.getIfAvailable();
    mv.addObject(
        "fixes",
        correlation == null || !d.countsShown() ? null : correlation.forCell(d).orElse(null));
    mv.addObject("filters", filters);
    mv.addObject(
        "backHref",
        MatrixFilters.withQuery(
            "/matrix/" + MatrixFilters.encode(d.project()), filters.parameters()));
    check.apply();
    return mv;
  }
}
