package org.shimwatch.server.demo;

import java.time.Clock;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.ReportStore;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.advice.AdviceCommands;
import org.shimwatch.web.advice.AdviceDraft;
import org.shimwatch.web.advice.AppliesTo;
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
  private final AdviceCommands advice;

  DemoData(
      ShimwatchProperties properties,
      ProjectService projects,
      ReportStore store,
      org.shimwatch.server.report.StoredReportRepository reports,
      Clock clock,
      AdviceCommands advice) {
    this.properties = properties;
    this.projects = projects;
    this.store = store;
    this.reports = reports;
    this.clock = clock;
    this.advice = advice;
  }

  /** One known issue, so the matrix shows how advice looks; it says it is demo text. */
  static final AdviceDraft DEMO_ADVICE =
      new AdviceDraft(
          "TCP/IP 4.21: select() may wait past its timeout",
          "On IBM TCP/IP 4.21, `select()` on many sockets can return late.\n\n"
              + "- install the **4.3** stack (NEWSTACK) or a later CSD\n"
              + "- or keep the client under 64 open sockets\n\n"
              + "*Demo advice, written by the demo loader.*",
          new AppliesTo("os2-tcpip", "4.21", "4.21", null, null, null, null, null, null),
          null);

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
    advice.create("default", DEMO_ADVICE, "demo");
    log.info(
        "demo: loaded {} demo reports from {} installations into project 'default'",
        REPORTS,
        INSTALLATIONS);
  }
}
