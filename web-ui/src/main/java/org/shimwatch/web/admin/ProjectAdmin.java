package org.shimwatch.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.shimwatch.web.ChangeRefused;

/** Projects and their ingest keys, as a maintainer manages them; the server implements it. */
public interface ProjectAdmin {

  /**
   * A project and its keys.
   *
   * @param slug the name used in URLs and by probes
   * @param name the name people read
   * @param keys every key ever made for it, oldest first, revoked ones included
   */
  record ProjectKeys(String slug, String name, Instant createdAt, List<IngestKeyView> keys) {

    public ProjectKeys {
      keys = List.copyOf(keys);
    }

    /** Keys that still open the ingest endpoint. */
    public long activeKeys() {
      return keys.stream().filter(k -> !k.revoked()).count();
    }
  }

  /**
   * An ingest key as the pages show it: never the key itself, only its first characters.
   *
   * @param prefix the first characters of the key, enough to tell keys apart
   * @param revokedAt when it was revoked, or {@code null} while it is valid
   */
  record IngestKeyView(long id, String prefix, String label, Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
      return revokedAt != null;
    }
  }

  /**
   * A key just made: the only time its plain text exists outside the probe that will use it.
   *
   * @param plainKey the key to copy into the probe's settings
   */
  record NewIngestKey(String project, IngestKeyView key, String plainKey) {}

  /** Every project with its keys, by slug. */
  List<ProjectKeys> projects();

  /**
   * Creates a project with no keys.
   *
   * @param name the name people read; the slug when blank
   * @throws ChangeRefused for a malformed slug or name, or a slug already taken
   */
  ProjectKeys createProject(String slug, String name);

  /**
   * Makes a random ingest key for a project.
   *
   * @return empty when there is no such project
   * @throws ChangeRefused for a label that is too long
   */
  Optional<NewIngestKey> createKey(String project, String label);

  /**
   * One key of a project.
   *
   * @return empty when there is no such project or key
   */
  Optional<IngestKeyView> key(String project, long keyId);

  /**
   * Revokes a key; probes using it are refused from then on. Revoking a revoked key changes
   * nothing.
   *
   * @return the key, or empty when there is no such project or key
   */
  Optional<IngestKeyView> revokeKey(String project, long keyId);
}
