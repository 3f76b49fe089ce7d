package org.shimwatch.server.demo;

import java.time.Clock;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.ReportStore;
import org.shimwatch.server.system.ShimwatchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code shimwatch.demo=true} (the {@code demo} profile, or {@code --demo}), fills the default
 * project with a few hundred realistic reports marked as demo data, once, so a first run shows a
 * living dashboard.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  /** Enough for every matrix row to have several installations, few enough to load in seconds. */
  static final int REPORTS = 600;

  static final int INSTALLATIONS = 150;

  private final ShimwatchProperties properties;
  private final ProjectService projects;
  private final ReportStore store;
  private final org.shimwatch.server.report.StoredReportRepository reports;
  private final Clock clock;

  DemoData(
      ShimwatchProperties properties,
      ProjectService projects,
      ReportStore store,
      org.shimwatch.server.report.StoredReportRepository reports,
      Clock clock) {
    this.properties = properties;
    this.projects = projects;
    this.store = store;
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.demo() && !args.containsOption("demo")) {
      return;
    }
    if (reports.existsByDemoTrue()) {
      log.info("demo: demo reports are already loaded");
      return;
    }
    Project project = projects.find("default").orElseThrow();
    DemoReports gen = new DemoReports(2004, clock.instant(), INSTALLATIONS);
    for (DemoReports.Generated g : gen.next(REPORTS)) {
      store.store(
          project.getId(),
          g.report(),
          ReportJson.write(g.report()),
          DemoReports.installationSecret(g.installation()),
          true);
    }
    reports.backdateDemo(project.getId());
    log.info(
        "demo: loaded {} demo reports from {} installations into project 'default'",
        REPORTS,
        INSTALLATIONS);
  }
}
