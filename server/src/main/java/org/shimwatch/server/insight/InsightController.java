package org.shimwatch.server.insight;

import java.util.List;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.insight.FixCorrelation;
import org.shimwatch.web.insight.RegressionFlag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maintainer API: which fix goes with success, and which shim version did worse. */
@RestController
@RequestMapping("/api/v1/admin/projects/{project}")
class InsightController {

  private final InsightService insight;

  InsightController(InsightService insight) {
    this.insight = insight;
  }

  @GetMapping("/fix-correlation")
  List<FixCorrelation> fixCorrelation(
      @PathVariable String project, @RequestParam(required = false) String minSample) {
    var result =
        minSample == null || minSample.isBlank()
            ? insight.fixCorrelation(project)
            : insight.fixCorrelation(project, sample(minSample));
    return result.orElseThrow(InsightController::noProject);
  }

  @GetMapping("/regressions")
  List<RegressionFlag> regressions(@PathVariable String project) {
    return insight.regressions(project).orElseThrow(InsightController::noProject);
  }

  private static int sample(String raw) {
    try {
      int n = Integer.parseInt(raw.strip());
      if (n >= 1 && n <= 1_000_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadQueryException(
        "invalid-min-sample", "minSample", "minSample is a whole number from 1 to 1000000");
  }

  private static NotFound noProject() {
    return new NotFound("project-not-found", "there is no such project");
  }
}
