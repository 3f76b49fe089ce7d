package org.shimwatch.server.rollup;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shimwatch.server.report.CallRow;

/**
 * Everything the rollups take from one report: its normalized columns and its trap and call rows.
 * Built from a report at ingest and from the stored rows at a rebuild or deletion; both give the
 * same record, which is what makes a rebuild equal the incremental result.
 */
public record RolledReport(
    long projectId,
    UUID reportId,
    UUID installationId,
    Instant receivedAt,
    Instant createdAt,
    String outcome,
    String osFamily,
    String osName,
    String osVersion,
    String stackName,
    String stackVersion,
    String stackLevel,
    String fixesKey,
    String clientName,
    String clientVersion,
    String shimVersion,
    String installMode,
    int trapCount,
    int selfTestFailures,
    boolean hasMetrics,
    List<TrapRow> traps,
    List<CallRow> calls) {

  /**
   * Install modes in which the shim does not run: a report in them is never a shim result. {@code
   * side-dir-after-lib-dynload} puts the shim's directory after lib-dynload, so the stock modules
   * load; {@code none} has no shim. {@code unknown} counts, as nothing says the shim was off.
   */
  public static final Set<String> SHIM_INACTIVE_MODES =
      Set.of("side-dir-after-lib-dynload", "none");

  public RolledReport {
    traps = List.copyOf(traps);
    calls = List.copyOf(calls);
  }

  /** The same report with other trap rows (re-signed ones). */
  public RolledReport withTraps(List<TrapRow> newTraps) {
    return new RolledReport(
        projectId,
        reportId,
        installationId,
        receivedAt,
        createdAt,
        outcome,
        osFamily,
        osName,
        osVersion,
        stackName,
        stackVersion,
        stackLevel,
        fixesKey,
        clientName,
        clientVersion,
        shimVersion,
        installMode,
        trapCount,
        selfTestFailures,
        hasMetrics,
        newTraps,
        calls);
  }

  /** Whether the shim ran: only then does the report count for the shim. */
  public boolean shimActive() {
    return !SHIM_INACTIVE_MODES.contains(installMode);
  }

  /**
   * When the report was made, as the matrix shows it: the client's time, but never later than the
   * server received it (a client clock can be wrong).
   */
  public Instant seenAt() {
    return createdAt.isAfter(receivedAt) ? receivedAt : createdAt;
  }

  /** A select() anomaly: the user says select-problem, or the shim saw nfds above FD_SETSIZE. */
  public boolean anomaly() {
    if ("select-problem".equals(outcome)) {
      return true;
    }
    for (CallRow c : calls) {
      if (c.fdAboveSetsize() > 0) {
        return true;
      }
    }
    return false;
  }

  /** The report carries at least one trap record. */
  public boolean hasTrapRecord() {
    return trapCount > 0;
  }

  /** The report says or shows a trap: outcome {@code traps}, or a trap record. */
  public boolean trapped() {
    return "traps".equals(outcome) || trapCount > 0;
  }

  /**
   * Telemetry says the run was healthy: metrics were sent, with no select() anomaly, no trap and no
   * failed self-test. Only then does an {@code unknown} outcome count as a success.
   */
  public boolean healthy() {
    boolean anyAnomaly = false;
    for (CallRow c : calls) {
      anyAnomaly |= c.fdAboveSetsize() > 0;
    }
    return hasMetrics && !anyAnomaly && trapCount == 0 && selfTestFailures == 0;
  }

  /** OS name and version, e.g. {@code eComStation 1.1}. */
  public String platformLabel() {
    return label(osName, osVersion, osFamily);
  }

  /** Stack name and version, e.g. {@code os2-tcpip 4.3}. */
  public String stackLabel() {
    return label(stackName, stackVersion, "unknown stack");
  }

  /** Name and version joined by a space, or {@code fallback} when both are missing. */
  public static String label(String name, String version, String fallback) {
    boolean n = name != null && !name.isEmpty();
    boolean v = version != null && !version.isEmpty();
    if (n && v) {
      return name + " " + version;
    }
    return n ? name : v ? version : fallback;
  }

  /** {@code null} as the empty string: rollup keys never hold null. */
  public static String nz(String s) {
    return s == null ? "" : s;
  }
}
