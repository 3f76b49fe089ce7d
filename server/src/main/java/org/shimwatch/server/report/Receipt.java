package org.shimwatch.server.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the server answers once a report is committed. Probes read the first three fields; {@code
 * knownIssues} is left out when empty, so the receipt of a report without a known issue is the same
 * as before it existed, and probes that do not know the field ignore it.
 *
 * @param reportId the report's id
 * @param receivedAt when it was first stored
 * @param duplicate whether this answer is for a report stored earlier
 * @param knownIssues advice for the trap groups the report's traps fall in, at most {@link
 *     #MAX_KNOWN_ISSUES}
 */
public record Receipt(
    UUID reportId,
    Instant receivedAt,
    boolean duplicate,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KnownIssue> knownIssues) {

  /** A receipt names at most this many known issues: a run's closing lines stay short. */
  public static final int MAX_KNOWN_ISSUES = 5;

  public Receipt {
    knownIssues = knownIssues == null ? List.of() : List.copyOf(knownIssues);
  }

  public Receipt(UUID reportId, Instant receivedAt, boolean duplicate) {
    this(reportId, receivedAt, duplicate, List.of());
  }

  /** The same receipt naming these known issues. */
  public Receipt withKnownIssues(List<KnownIssue> issues) {
    return new Receipt(reportId, receivedAt, duplicate, issues);
  }
}
