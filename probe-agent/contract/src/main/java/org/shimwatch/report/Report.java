package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One report, as contract v1 ({@code report-v1.schema.json}) describes it: what a user consented to
 * send about one client run or one period of a long-running client.
 *
 * <p>Fields above the report's consent level are {@code null} (or empty): level 1 carries {@link
 * #outcome}, {@link #comment} and {@link #environment}; level 2 adds {@link #metrics} and {@link
 * #selfTests}; level 3 adds the details of {@link #traps}.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION} for this contract
 * @param reportId random id, the idempotency key of uploads
 * @param installationId random id made at opt-in; deletion requests name it
 * @param consentLevel 1 environment, 2 metrics, 3 diagnostics
 * @param createdAt when the client assembled the report
 * @param source what assembled the report, or {@code null} if not said
 * @param period the time the metrics cover, or {@code null}
 * @param outcome what the user says happened
 * @param comment the user's free text, already scrubbed, or {@code null}
 * @param environment OS, stack, fixes, runtime, client and shim
 * @param metrics per-call metrics (level 2 and up), or {@code null}
 * @param traps fatal faults (level 2 and up; details at level 3), or {@code null}
 * @param selfTests stack self-test results (level 2 and up), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
    int schemaVersion,
    UUID reportId,
    UUID installationId,
    int consentLevel,
    Instant createdAt,
    Source source,
    Period period,
    Outcome outcome,
    String comment,
    Environment environment,
    Metrics metrics,
    List<Trap> traps,
    List<SelfTestResult> selfTests) {

  /** The contract version these records mirror. */
  public static final int SCHEMA_VERSION = 1;

  public Report {
    traps = traps == null ? null : List.copyOf(traps);
    selfTests = selfTests == null ? null : List.copyOf(selfTests);
  }

  /**
   * The time the metrics of a periodic report cover.
   *
   * @param start first instant covered
   * @param end last instant covered, not before {@code start}
   */
  public record Period(Instant start, Instant end) {}
}
