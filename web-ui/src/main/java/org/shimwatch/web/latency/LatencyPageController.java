package org.shimwatch.web.latency;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.shimwatch.web.chart.ChartView;
import org.shimwatch.web.chart.ComparisonChart;
import org.shimwatch.web.chart.Format;
import org.shimwatch.web.overview.MaintainerPage;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The latency page: two shim versions or two stacks side by side on one call kind, drawn, and the
 * figures of every stack, shim version and call kind.
 */
@Controller
class LatencyPageController extends MaintainerPage {

  private final LatencyQuery latency;
  private final LatencyDistributionQuery distributions;

  LatencyPageController(
      ProjectsQuery projects, LatencyQuery latency, LatencyDistributionQuery distributions) {
    super(projects);
    this.latency = latency;
    this.distributions = distributions;
  }

  /** What the form holds. */
  record CompareForm(String kind, String by, String a, String b, String within) {}

  @GetMapping("/maintainer/latency")
  String page(
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String a,
      @RequestParam(required = false) String b,
      @RequestParam(required = false) String within,
      Model model) {
    String slug = project(project, model);
    List<LatencyView> all =
        latency.latency(slug, null, null, null).orElseThrow(MaintainerPage::noProject);
    TreeSet<String> kinds = new TreeSet<>();
    TreeSet<String> stacks = new TreeSet<>();
    TreeSet<String> shims = new TreeSet<>();
    for (LatencyView v : all) {
      kinds.add(v.callKind());
      stacks.add(v.stack());
      if (!v.shimVersion().isEmpty()) {
        shims.add(v.shimVersion());
      }
    }
    String dimension = by == null || by.isBlank() ? "shim" : by.strip().toLowerCase(Locale.ROOT);
    String chosenKind =
        kind == null || kind.isBlank() ? (kinds.isEmpty() ? "" : kinds.first()) : kind.strip();
    model.addAttribute("rows", all);
    model.addAttribute("fmt", Format.TEMPLATES);
    model.addAttribute("kinds", kinds);
    model.addAttribute("stacks", stacks);
    model.addAttribute("shims", shims);
    model.addAttribute("form", new CompareForm(chosenKind, dimension, a, b, within));
    boolean asked = (a != null && !a.isBlank()) || (b != null && !b.isBlank());
    if (asked) {
      LatencyComparison c =
          latency
              .compare(slug, chosenKind, dimension, a, b, within)
              .orElseThrow(MaintainerPage::noProject);
      LatencyDistributions d =
          distributions
              .distributions(slug, chosenKind, dimension, a, b, within)
              .orElseThrow(MaintainerPage::noProject);
      model.addAttribute("comparison", c);
      model.addAttribute(
          "latencyChart", chart(c, "latency", "Latency", d.latencyA(), d.latencyB()));
      model.addAttribute(
          "overshootChart",
          chart(c, "overshoot", "Timeout overshoot", d.overshootA(), d.overshootB()));
    }
    return "maintainer/latency/latency";
  }

  static ChartView chart(
      LatencyComparison c,
      String id,
      String what,
      List<org.shimwatch.web.chart.LatencyBin> a,
      List<org.shimwatch.web.chart.LatencyBin> b) {
    boolean latency = id.equals("latency");
    Quantiles qa = latency ? c.a().latency() : c.a().overshoot();
    Quantiles qb = latency ? c.b().latency() : c.b().overshoot();
    String description =
        what
            + " of "
            + c.callKind()
            + "() under "
            + c.by()
            + " "
            + c.a().value()
            + " (median "
            + Format.nanos(qa.p50Ns())
            + ", p99 "
            + Format.nanos(qa.p99Ns())
            + ") and "
            + c.b().value()
            + " (median "
            + Format.nanos(qb.p50Ns())
            + ", p99 "
            + Format.nanos(qb.p99Ns())
            + "), each as a share of its own calls.";
    return ComparisonChart.of(
        "compare-" + id,
        what + " of " + c.callKind() + "(): " + c.a().value() + " and " + c.b().value(),
        description,
        what,
        new ComparisonChart.Series(c.a().value(), a),
        new ComparisonChart.Series(c.b().value(), b));
  }
}
