package org.shimwatch.server.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report's row: its normalized columns and raw document, as {@link ReportRows} builds it for the
 * report writer and as {@link ReportColumn#read} reads it back. Which column holds which field is
 * said once, in {@link ReportColumn}. Never leaves the server.
 */
public final class StoredReport {

  long projectId;
  UUID reportId;
  UUID installationId;
  Instant receivedAt;
  Instant createdAt;
  short consentLevel;
  String source;
  String outcome;
  String osFamily;
  String osName;
  String osVersion;
  String osRevision;
  String stackName;
  String stackVersion;
  String stackLevel;
  String fixesKey;
  String runtimeName;
  String runtimeVersion;
  String clientName;
  String clientVersion;
  String shimVersion;
  String installMode;
  int trapCount;
  int selfTestFailures;
  boolean hasMetrics;

  /** The report's calls as {@link CallRow#format} text. */
  String calls = "";

  /**
   * The calls, parsed: from the document at ingest, so that the rollups need not parse the text.
   */
  List<CallRow> callRows = List.of();

  /** Sum of the calls' select() calls with nfds above FD_SETSIZE. */
  long fdAboveSetsize;

  String commentText;
  String commentStatus;
  boolean demo;
  String rawJson;

  StoredReport() {}

  public long getProjectId() {
    return projectId;
  }

  public UUID getReportId() {
    return reportId;
  }

  public UUID getInstallationId() {
    return installationId;
  }

  public Instant getReceivedAt() {
    return receivedAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getOsFamily() {
    return osFamily;
  }

  public String getOsName() {
    return osName;
  }

  public String getOsVersion() {
    return osVersion;
  }

  public String getStackName() {
    return stackName;
  }

  public String getStackVersion() {
    return stackVersion;
  }

  public String getStackLevel() {
    return stackLevel;
  }

  public String getFixesKey() {
    return fixesKey;
  }

  public String getClientName() {
    return clientName;
  }

  public String getClientVersion() {
    return clientVersion;
  }

  public String getShimVersion() {
    return shimVersion;
  }

  public String getInstallMode() {
    return installMode;
  }

  public int getTrapCount() {
    return trapCount;
  }

  public int getSelfTestFailures() {
    return selfTestFailures;
  }

  /** The report's calls, one per call kind. */
  public List<CallRow> getCallRows() {
    return callRows;
  }

  public boolean isHasMetrics() {
    return hasMetrics;
  }
}
