package org.shimwatch.probe.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The server's answer for a stored report, kept in the local archive beside the report.
 *
 * @param reportId the report's id, as the server names it
 * @param receivedAt when the server first stored it
 * @param duplicate whether the server had it already (an earlier attempt got through)
 * @param knownIssues what the server knows of the report's trap groups (empty from older servers)
 */
public record Receipt(
    UUID reportId, Instant receivedAt, boolean duplicate, List<KnownIssue> knownIssues) {

  public Receipt {
    knownIssues = knownIssues == null ? List.of() : List.copyOf(knownIssues);
  }

  /** A receipt without known issues. */
  public Receipt(UUID reportId, Instant receivedAt, boolean duplicate) {
    this(reportId, receivedAt, duplicate, List.of());
  }
}
