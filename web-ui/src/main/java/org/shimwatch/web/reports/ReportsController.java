package org.shimwatch.web.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.chart.ChartView;
import org.shimwatch.web.chart.Format;
import org.shimwatch.web.chart.HistogramChart;
import org.shimwatch.web.overview.MaintainerPage;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The report list with its filters, and one report in full. */
@Controller
class ReportsController extends MaintainerPage {

  private final ReportsQuery reports;

  ReportsController(ProjectsQuery projects, ReportsQuery reports) {
    super(projects);
    this.reports = reports;
  }

  /** A call's metrics with its two charts. */
  record CallPanel(ReportDetail.Call call, ChartView latency, ChartView overshoot) {}

  @GetMapping("/maintainer/reports")
  String list(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String os,
      @RequestParam(required = false) String stack,
      @RequestParam(required = false) String client,
      @RequestParam(required = false) String shim,
      @RequestParam(required = false) String hasTrap,
      @RequestParam(required = false) String consent,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String page,
      Model model) {
    String slug = project(project, model);
    ReportFilter filter =
        ReportFilter.parse(outcome, os, stack, client, shim, hasTrap, consent, from, to, q);
    int number = Paging.page(page);
    ReportPage result =
        reports
            .reports(slug, filter, number, Paging.PAGE_SIZE)
            .orElseThrow(MaintainerPage::noProject);
    model.addAttribute("filter", filter);
    model.addAttribute("result", result);
    model.addAttribute("outcomes", ReportFilter.OUTCOMES);
    model.addAttribute("choices", reports.choices(slug).orElse(ReportChoices.NONE));
    model.addAttribute(
        "firstShown", result.reports().isEmpty() ? 0 : (long) number * result.size() + 1);
    model.addAttribute("lastShown", (long) number * result.size() + result.reports().size());
    if (result.hasPrevious()) {
      int previous = (int) Math.min(number - 1L, result.pageCount() - 1);
      model.addAttribute("previousLink", link(slug, filter, previous));
    }
    if (result.hasNext()) {
      model.addAttribute("nextLink", link(slug, filter, number + 1));
    }
    return "maintainer/reports/list";
  }

  @GetMapping("/maintainer/reports/{reportId}")
  String detail(
      @PathVariable String reportId, @RequestParam(required = false) String project, Model model) {
    String slug = project(project, model);
    UUID id = uuid(reportId);
    ReportDetail detail =
        reports
            .report(slug, id)
            .orElseThrow(
                () -> new NotFound("report-not-found", "There is no such report in this project."));
    model.addAttribute("report", detail);
    List<CallPanel> panels = new ArrayList<>();
    for (ReportDetail.Call c : detail.calls()) {
      panels.add(
          new CallPanel(
              c,
              HistogramChart.of(
                  "latency-" + c.kind(),
                  c.kind() + "() latency",
                  describe(c.kind(), "took", c.latencyFigures()),
                  "Latency",
                  c.latency()),
              HistogramChart.of(
                  "overshoot-" + c.kind(),
                  c.kind() + "() timeout overshoot",
                  describe(c.kind(), "overshot their timeout by", c.overshootFigures()),
                  "Overshoot",
                  c.overshoot())));
    }
    model.addAttribute("callPanels", panels);
    return "maintainer/reports/detail";
  }

  static String describe(String kind, String verb, ReportDetail.Percentiles p) {
    if (p == null || p.count() == 0) {
      return "No " + kind + "() calls recorded here.";
    }
    return Format.count(p.count())
        + " "
        + kind
        + "() calls "
        + verb
        + " "
        + Format.nanos(p.p50Ns())
        + " at the median, "
        + Format.nanos(p.p95Ns())
        + " at p95 and "
        + Format.nanos(p.p99Ns())
        + " at p99; one bar per log bucket.";
  }

  static UUID uuid(String value) {
    try {
      if (value != null && value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new BadQueryException("invalid-report-id", "reportId", "a report id is a UUID");
  }

  private static String link(String project, ReportFilter filter, int page) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("project", project);
    p.putAll(filter.parameters());
    if (page > 0) {
      p.put("page", Integer.toString(page));
    }
    return "/maintainer/reports?" + ReportFilter.query(p);
  }
}
