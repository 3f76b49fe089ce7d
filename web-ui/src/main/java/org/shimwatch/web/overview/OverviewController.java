package org.shimwatch.web.overview;

import java.util.ArrayList;
import java.util.List;
import org.shimwatch.web.chart.BarChart;
import org.shimwatch.web.chart.Format;
import org.shimwatch.web.chart.TimeSeriesChart;
import org.shimwatch.web.insight.FixCorrelation;
import org.shimwatch.web.insight.InsightQuery;
import org.shimwatch.web.system.ProjectsQuery;
import org.shimwatch.web.traps.TrapGroupQuery;
import org.shimwatch.web.traps.TrapStatus;
import org.shimwatch.web.trends.Adoption;
import org.shimwatch.web.trends.TrendQuery;
import org.shimwatch.web.trends.TrendViews;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard's first page: reports per day, success by shim version, trap groups that need a
 * look, regression flags, the fixes that matter most, and whether ingest is healthy.
 */
@Controller
class OverviewController extends MaintainerPage {

  /** Fix correlations shown; the API has the full list. */
  static final int TOP_FIXES = 5;

  private final OverviewQuery overviews;
  private final TrapGroupQuery traps;
  private final InsightQuery insight;
  private final TrendQuery trends;

  OverviewController(
      ProjectsQuery projects,
      OverviewQuery overviews,
      TrapGroupQuery traps,
      InsightQuery insight,
      TrendQuery trends) {
    super(projects);
    this.overviews = overviews;
    this.traps = traps;
    this.insight = insight;
    this.trends = trends;
  }

  @GetMapping({"/maintainer", "/maintainer/"})
  String overview(@RequestParam(required = false) String project, Model model) {
    String slug = project(project, model);
    Overview o = overviews.overview(slug).orElseThrow(MaintainerPage::noProject);
    model.addAttribute("overview", o);
    model.addAttribute("perDayChart", perDayChart(o));
    model.addAttribute("shimChart", shimChart(o));
    model.addAttribute(
        "newGroups", traps.groups(slug, TrapStatus.NEW).orElseThrow(MaintainerPage::noProject));
    model.addAttribute(
        "regressedGroups",
        traps.groups(slug, TrapStatus.REGRESSED).orElseThrow(MaintainerPage::noProject));
    model.addAttribute(
        "regressions", insight.regressions(slug).orElseThrow(MaintainerPage::noProject));
    List<FixCorrelation> fixes =
        insight.fixCorrelation(slug, o.minFixSample()).orElseThrow(MaintainerPage::noProject);
    model.addAttribute("fixes", fixes.subList(0, Math.min(TOP_FIXES, fixes.size())));
    Adoption adoption = trends.adoption(slug).orElse(null);
    model.addAttribute("adoption", adoption);
    if (adoption != null) {
      model.addAttribute("installationsChart", TrendViews.installationsPerWeek(adoption));
      model.addAttribute("successByShim", TrendViews.successByShim(adoption));
      model.addAttribute("retention", TrendViews.retention(adoption));
    }
    return "maintainer/overview/overview";
  }

  static org.shimwatch.web.chart.ChartView perDayChart(Overview o) {
    List<TimeSeriesChart.Point> points = new ArrayList<>();
    long total = 0;
    for (Overview.DayCount d : o.perDay()) {
      points.add(new TimeSeriesChart.Point(d.day(), d.reports()));
      total += d.reports();
    }
    String description =
        o.perDay().isEmpty()
            ? "No days to show."
            : Format.count(total)
                + " reports received from "
                + o.perDay().get(0).day()
                + " to "
                + o.perDay().get(o.perDay().size() - 1).day()
                + ", one point per day.";
    return TimeSeriesChart.daily(
        "reports-per-day",
        "Reports per day, last " + OverviewQuery.DAYS + " days",
        description,
        "Reports",
        List.of("Day (UTC)", "Reports"),
        points);
  }

  static org.shimwatch.web.chart.ChartView shimChart(Overview o) {
    List<BarChart.Item> items = new ArrayList<>();
    StringBuilder description = new StringBuilder("Share of judged reports that say it works, ");
    description.append("per shim version.");
    for (Overview.ShimSuccess s : o.byShim()) {
      String label = s.shimVersion().isEmpty() ? "unknown" : s.shimVersion();
      items.add(
          new BarChart.Item(
              label,
              s.successRate(),
              Format.count(s.works())
                  + " of "
                  + Format.count(s.judged())
                  + " judged ("
                  + Format.count(s.reports())
                  + " reports)"));
      description
          .append(' ')
          .append(label)
          .append(": ")
          .append(s.judged() == 0 ? "nothing judged" : Format.percent(s.successRate()))
          .append('.');
    }
    return BarChart.rates(
        "success-by-shim",
        "Success rate by shim version",
        description.toString(),
        "Shim version",
        "Works",
        List.of("Shim version", "Success rate", "Works of judged"),
        items);
  }
}
