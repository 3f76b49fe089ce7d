package org.shimwatch.server.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A key probes send to post reports to one project; only its hash is stored. */
@Entity
@Table(name = "ingest_key")
public class IngestKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "project_id", nullable = false)
  private Long projectId;

  @Column(name = "key_hash", nullable = false, length = 64)
  private String keyHash;

  @Column(name = "key_prefix", nullable = false, length = 12)
  private String keyPrefix;

  @Column(nullable = false, length = 128)
  private String label;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected IngestKey() {}

  IngestKey(Long projectId, String keyHash, String keyPrefix, String label, Instant createdAt) {
    this.projectId = projectId;
    this.keyHash = keyHash;
    this.keyPrefix = keyPrefix;
    this.label = label;
    this.createdAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  public Long getProjectId() {
    return projectId;
  }

  public String getKeyHash() {
    return keyHash;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public String getLabel() {
    return label;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  void revoke(Instant at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }
}
