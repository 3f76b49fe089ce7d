package org.shimwatch.server.project;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.shimwatch.server.publicversion.PublicVersions;
import org.shimwatch.web.AlreadyExists;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects and their ingest keys. */
@Service
public class ProjectService {

  /** Prefix of every ingest key, so a leaked key is recognizable in logs and scanners. */
  public static final String KEY_PREFIX = "swk_";

  private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

  private final ProjectRepository projects;
  private final IngestKeyRepository keys;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final PublicVersions publicVersions;

  ProjectService(
      ProjectRepository projects,
      IngestKeyRepository keys,
      Clock clock,
      ApplicationEventPublisher events,
      PublicVersions publicVersions) {
    this.projects = projects;
    this.keys = keys;
    this.clock = clock;
    this.events = events;
    this.publicVersions = publicVersions;
  }

  /** A project and a key created together; the key's plain text is shown this once. */
  public record CreatedKey(Project project, IngestKey key, String plainKey) {}

  /** What an ingest key opens. */
  public sealed interface KeyCheck {
    /** The key is valid for this project. */
    record Valid(Project project, IngestKey key) implements KeyCheck {}

    /** No such key. */
    record Unknown() implements KeyCheck {}

    /** The key was revoked. */
    record Revoked() implements KeyCheck {}

    /** The key belongs to another project. */
    record OtherProject() implements KeyCheck {}
  }

  /** Whether a slug is one a project may have. */
  public static boolean validSlug(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }

  @Transactional(readOnly = true)
  public List<Project> all() {
    return projects.findAllByOrderBySlugAsc();
  }

  @Transactional(readOnly = true)
  public Optional<Project> find(String slug) {
    return projects.findBySlug(slug);
  }

  @Transactional(readOnly = true)
  public boolean anyProject() {
    return projects.count() > 0;
  }

  @Transactional
  public Project create(String slug, String name) {
    if (!validSlug(slug)) {
      throw new ChangeRefused(
          "invalid-slug",
          "A project slug is 1 to 64 lower-case letters, digits and dashes, starting with a letter"
              + " or digit.");
    }
    String display = name == null || name.isBlank() ? slug : name.strip();
    if (display.length() > 128) {
      throw new ChangeRefused("invalid-name", "A project name is at most 128 characters.");
    }
    if (projects.findBySlug(slug).isPresent()) {
      throw new AlreadyExists("project-exists", "A project named '" + slug + "' already exists.");
    }
    Project saved = projects.save(new Project(slug, display, clock.instant()));
    // The project's public version starts with it (and the home page's list changes).
    publicVersions.bump(saved.getId());
    return saved;
  }

  /** A new key for the project; {@code plainKey} null makes a random one. */
  @Transactional
  public CreatedKey createKey(String slug, String label, String plainKey) {
    Project project = require(slug);
    String key = plainKey == null || plainKey.isBlank() ? Secrets.newKey(KEY_PREFIX) : plainKey;
    if (key.length() < 16 || key.length() > 200) {
      throw new ChangeRefused("invalid-key", "An ingest key is 16 to 200 characters long.");
    }
    String l = label == null || label.isBlank() ? "key" : label.strip();
    if (l.length() > 128) {
      throw new ChangeRefused("invalid-label", "A key label is at most 128 characters.");
    }
    String hash = Secrets.sha256(key);
    if (keys.findByKeyHash(hash).isPresent()) {
      throw new AlreadyExists("key-exists", "This ingest key is already in use.");
    }
    IngestKey saved =
        keys.save(
            new IngestKey(
                project.getId(),
                hash,
                key.substring(0, Math.min(8, key.length())),
                l,
                clock.instant()));
    return new CreatedKey(project, saved, key);
  }

  @Transactional(readOnly = true)
  public List<IngestKey> keys(String slug) {
    return keys.findByProjectIdOrderByCreatedAtAsc(require(slug).getId());
  }

  @Transactional
  public IngestKey revokeKey(String slug, long keyId) {
    Project project = require(slug);
    IngestKey key =
        keys.findById(keyId)
            .filter(k -> k.getProjectId().equals(project.getId()))
            .orElseThrow(
                () -> new NotFound("key-not-found", "project '" + slug + "' has no key " + keyId));
    key.revoke(clock.instant());
    events.publishEvent(new IngestKeyRevoked(key.getId()));
    return key;
  }

  /** What {@code plainKey} opens for project {@code slug}. */
  @Transactional(readOnly = true)
  public KeyCheck check(String slug, String plainKey) {
    if (plainKey == null || plainKey.isEmpty() || plainKey.length() > 200) {
      return new KeyCheck.Unknown();
    }
    Optional<IngestKey> key = keys.findByKeyHash(Secrets.sha256(plainKey));
    if (key.isEmpty()) {
      return new KeyCheck.Unknown();
    }
    if (key.get().isRevoked()) {
      return new KeyCheck.Revoked();
    }
    Optional<Project> project = projects.findBySlug(slug);
    if (project.isEmpty() || !project.get().getId().equals(key.get().getProjectId())) {
      return new KeyCheck.OtherProject();
    }
    return new KeyCheck.Valid(project.get(), key.get());
  }

  private Project require(String slug) {
    return projects
        .findBySlug(slug)
        .orElseThrow(() -> new NotFound("project-not-found", "no project named '" + slug + "'"));
  }
}
