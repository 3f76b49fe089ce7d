package org.shimwatch.server.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored report: its raw document (until retention prunes it) and the normalized columns the
 * matrix and dashboard query. Built by {@link ReportRows}; never leaves the server.
 */
@Entity
@Table(name = "report")
public class StoredReport {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "project_id", nullable = false)
  Long projectId;

  @Column(name = "report_id", nullable = false)
  UUID reportId;

  @Column(name = "installation_id", nullable = false)
  UUID installationId;

  @Column(name = "received_at", nullable = false)
  Instant receivedAt;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "consent_level", nullable = false)
  short consentLevel;

  @Column(length = 16)
  String source;

  @Column(nullable = false, length = 16)
  String outcome;

  @Column(name = "os_family", nullable = false, length = 16)
  String osFamily;

  @Column(name = "os_name", length = 128)
  String osName;

  @Column(name = "os_version", length = 64)
  String osVersion;

  @Column(name = "os_revision", length = 64)
  String osRevision;

  @Column(name = "stack_name", length = 128)
  String stackName;

  @Column(name = "stack_version", length = 64)
  String stackVersion;

  @Column(name = "stack_level", length = 64)
  String stackLevel;

  @Column(name = "fixes_key", nullable = false, length = 2048)
  String fixesKey;

  @Column(name = "runtime_name", length = 128)
  String runtimeName;

  @Column(name = "runtime_version", length = 64)
  String runtimeVersion;

  @Column(name = "client_name", nullable = false, length = 128)
  String clientName;

  @Column(name = "client_version", length = 64)
  String clientVersion;

  @Column(name = "shim_version", length = 64)
  String shimVersion;

  @Column(name = "install_mode", nullable = false, length = 32)
  String installMode;

  @Column(name = "trap_count", nullable = false)
  int trapCount;

  @Column(name = "self_test_failures", nullable = false)
  int selfTestFailures;

  @Column(name = "has_metrics", nullable = false)
  boolean hasMetrics;

  /** The report's calls as {@link CallRow#format} text. */
  @Column(nullable = false, length = 262144)
  String calls = "";

  /** Sum of the calls' select() calls with nfds above FD_SETSIZE. */
  @Column(name = "fd_above_setsize", nullable = false)
  long fdAboveSetsize;

  /** The calls as read from the document at ingest, so that the rollups need not parse them. */
  @Transient List<CallRow> callRows = List.of();

  @Column(name = "comment_text", length = 4000)
  String commentText;

  @Column(name = "comment_status", nullable = false, length = 16)
  String commentStatus;

  @Column(nullable = false)
  boolean demo;

  @Column(name = "raw_json", columnDefinition = "text")
  String rawJson;

  @Column(name = "raw_pruned_at")
  Instant rawPrunedAt;

  protected StoredReport() {}

  StoredReport(Long projectId, UUID reportId, UUID installationId, Instant receivedAt) {
    this.projectId = projectId;
    this.reportId = reportId;
    this.installationId = installationId;
    this.receivedAt = receivedAt;
  }

  public Long getId() {
    return id;
  }

  public Long getProjectId() {
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

  public int getConsentLevel() {
    return consentLevel;
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

  public long getFdAboveSetsize() {
    return fdAboveSetsize;
  }

  public boolean isHasMetrics() {
    return hasMetrics;
  }

  public String getCommentText() {
    return commentText;
  }

  public String getCommentStatus() {
    return commentStatus;
  }

  public boolean isDemo() {
    return demo;
  }

  public String getRawJson() {
    return rawJson;
  }

  public Instant getRawPrunedAt() {
    return rawPrunedAt;
  }
}
