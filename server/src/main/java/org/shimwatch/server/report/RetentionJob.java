package org.shimwatch.server.report;

import java.time.Clock;
import java.time.Instant;
import org.shimwatch.server.system.ShimwatchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drops the raw documents of reports older than the retention period. The normalized columns stay,
 * so the matrix and aggregates keep counting them.
 */
@Component
public class RetentionJob {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final StoredReportRepository reports;
  private final ShimwatchProperties properties;
  private final Clock clock;

  RetentionJob(StoredReportRepository reports, ShimwatchProperties properties, Clock clock) {
    this.reports = reports;
    this.properties = properties;
    this.clock = clock;
  }

  /** Runs on the configured schedule; returns how many raw documents were dropped. */
  @Scheduled(cron = "${shimwatch.retention.cron:0 17 3 * * *}")
  @Transactional
  public int pruneRawReports() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(properties.retention().rawReports());
    int n = reports.pruneRawBefore(cutoff, now);
    if (n > 0) {
      log.info("retention: dropped the raw documents of {} reports received before {}", n, cutoff);
    }
    return n;
  }
}
