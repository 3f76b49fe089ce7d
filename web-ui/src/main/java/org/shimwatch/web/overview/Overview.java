package org.shimwatch.web.overview;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures at the top of the maintainer dashboard.
 *
 * @param perDay reports received per day (UTC), oldest first, every day of the window present
 * @param byShim success rate per shim version, versions in order; inactive shims left out
 * @param health how ingest is doing
 * @param minFixSample the least judged reports each side of a fix correlation needs
 */
public record Overview(
    List<DayCount> perDay, List<ShimSuccess> byShim, IngestHealth health, int minFixSample) {

  public Overview {
    perDay = List.copyOf(perDay);
    byShim = List.copyOf(byShim);
  }

  /** Reports received on one day. */
  public record DayCount(LocalDate day, long reports) {}

  /**
   * How one shim version fares.
   *
   * @param shimVersion the version, {@code ""} when the report did not say
   * @param reports reports through an active shim
   * @param judged reports with a success or failure outcome
   * @param works reports whose outcome is works
   */
  public record ShimSuccess(String shimVersion, long reports, long judged, long works) {

    /** Works over judged, 0 when nothing is judged. */
    public double successRate() {
      return judged == 0 ? 0 : works / (double) judged;
    }
  }

  /**
   * Ingest health.
   *
   * @param lastHour reports of the project stored in the last hour
   * @param lastDay reports of the project stored in the last 24 hours
   * @param newest when the project's newest report was stored, or {@code null}
   * @param queueDepth reports waiting for the writer (all projects), or {@code null} if unknown
   * @param queueCapacity how many may wait before ingest answers 503, or {@code null}
   * @param accepted reports accepted since the server started (all projects), or {@code null}
   * @param duplicates retries of stored reports since the start, or {@code null}
   * @param rejected refusals since the start by reason (all projects); empty when none
   */
  public record IngestHealth(
      long lastHour,
      long lastDay,
      Instant newest,
      Integer queueDepth,
      Integer queueCapacity,
      Long accepted,
      Long duplicates,
      Map<String, Long> rejected) {

    public IngestHealth {
      rejected = Map.copyOf(rejected);
    }

    /** All refusals added up. */
    public long rejectedTotal() {
      long n = 0;
      for (long v : rejected.values()) {
        n += v;
      }
      return n;
    }
  }
}
