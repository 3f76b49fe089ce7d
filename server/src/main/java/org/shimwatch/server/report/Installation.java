package org.shimwatch.server.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A probe installation: its random id and the hash of the secret that proves ownership. */
@Entity
@Table(name = "installation")
public class Installation {

  @Id private UUID id;

  @Column(name = "secret_hash", nullable = false, length = 64)
  private String secretHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Installation() {}

  public Installation(UUID id, String secretHash, Instant createdAt) {
    this.id = id;
    this.secretHash = secretHash;
    this.createdAt = createdAt;
  }

  public UUID getId() {
    return id;
  }

  public String getSecretHash() {
    return secretHash;
  }
}
