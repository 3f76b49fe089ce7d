package org.shimwatch.server.dashboard;

import java.util.UUID;
import org.shimwatch.report.ReportJson;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.reports.Paging;
import org.shimwatch.web.reports.ReportDetail;
import org.shimwatch.web.reports.ReportFilter;
import org.shimwatch.web.reports.ReportPage;
import org.shimwatch.web.reports.ReportsQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maintainer API: the report list and one report as JSON, with the filters of the dashboard's list,
 * for scripts.
 */
@RestController
@RequestMapping("/api/v1/admin/projects/{project}/reports")
class AdminReportsController {

  private static final Logger log = LoggerFactory.getLogger(AdminReportsController.class);

  private final ReportsQuery reports;

  AdminReportsController(ReportsQuery reports) {
    this.reports = reports;
  }

  @GetMapping
  ReportPage list(
      @PathVariable String project,
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
      @RequestParam(required = false) String size) {
    ReportFilter filter =
        ReportFilter.parse(outcome, os, stack, client, shim, hasTrap, consent, from, to, q);
    return reports
        .reports(project, filter, Paging.page(page), Paging.size(size))
        .orElseThrow(AdminReportsController::noProject);
  }

  /** The report's normalized fields, and under {@code document} the stored document if kept. */
  @GetMapping("/{reportId}")
  ObjectNode detail(@PathVariable String project, @PathVariable String reportId) {
    UUID id = uuid(reportId);
    ReportDetail d =
        reports
            .report(project, id)
            .orElseThrow(
                () -> new NotFound("report-not-found", "there is no such report in this project"));
    ObjectNode node = ReportJson.mapper().valueToTree(d);
    if (d.document() != null) {
      try {
        node.set("document", ReportJson.mapper().readTree(d.document()));
      } catch (RuntimeException e) {
        log.warn("stored document of report {} does not read: {}", id, e.getMessage());
      }
    }
    return node;
  }

  private static UUID uuid(String value) {
    try {
      if (value != null && value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new BadQueryException("invalid-report-id", "reportId", "a report id is a UUID");
  }

  private static NotFound noProject() {
    return new NotFound("project-not-found", "there is no such project");
  }
}
