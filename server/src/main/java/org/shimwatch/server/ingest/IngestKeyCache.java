package org.shimwatch.server.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shimwatch.server.project.IngestKeyRevoked;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.project.ProjectService.KeyCheck;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers valid keys briefly so a busy probe fleet does not cost two queries per report. A key
 * revoked on this instance stops working at once; one revoked on another instance works here for at
 * most {@link #TTL}.
 */
@Component
class IngestKeyCache {

  /** Short enough that a revocation elsewhere takes effect quickly. */
  static final Duration TTL = Duration.ofSeconds(10);

  /** More distinct keys than this and the cache starts over; keys are few in practice. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry(KeyCheck.Valid check, long expiresNanos) {}

  private final ProjectService projects;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  IngestKeyCache(ProjectService projects) {
    this.projects = projects;
  }

  KeyCheck check(String project, String key) {
    String cacheKey = project + "\n" + key;
    long now = System.nanoTime();
    Entry e = entries.get(cacheKey);
    if (e != null && now - e.expiresNanos() < 0) {
      return e.check();
    }
    KeyCheck result = projects.check(project, key);
    if (result instanceof KeyCheck.Valid valid) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(cacheKey, new Entry(valid, now + TTL.toNanos()));
    } else {
      entries.remove(cacheKey);
    }
    return result;
  }

  @EventListener
  void onRevoked(IngestKeyRevoked event) {
    entries.clear();
  }
}
