package org.shimwatch.server.latency;

import java.util.List;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.latency.LatencyComparison;
import org.shimwatch.web.latency.LatencyView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maintainer API: latency rollups and comparisons. */
@RestController
@RequestMapping("/api/v1/admin/projects/{project}/latency")
class LatencyController {

  private final LatencyService latency;

  LatencyController(LatencyService latency) {
    this.latency = latency;
  }

  @GetMapping
  List<LatencyView> list(
      @PathVariable String project,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String stack,
      @RequestParam(required = false) String shim) {
    return latency.latency(project, kind, stack, shim).orElseThrow(LatencyController::noProject);
  }

  /** Two shim versions ({@code by=shim}, the default) or two stacks ({@code by=stack}). */
  @GetMapping("/compare")
  LatencyComparison compare(
      @PathVariable String project,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String a,
      @RequestParam(required = false) String b,
      @RequestParam(required = false) String within) {
    return latency
        .compare(project, kind, by, a, b, within)
        .orElseThrow(LatencyController::noProject);
  }

  private static NotFound noProject() {
    return new NotFound("project-not-found", "there is no such project");
  }
}
