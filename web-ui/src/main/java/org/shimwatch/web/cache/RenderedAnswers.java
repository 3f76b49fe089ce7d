package org.shimwatch.web.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public answers as last sent, by ETag. An ETag names one answer exactly (the project's public
 * version, path and query, format, host, build and day), so a stored answer is right for as long as
 * its ETag is current, and a crowd asking for the same page costs one rendering, not one each.
 * Bounded in number and in bytes (32 MiB): the least recently used answers go first, and answers of
 * an old version are never asked for again, so they go too.
 */
final class RenderedAnswers {

  /** Answers kept: every public view of a few projects, a few megabytes at most. */
  static final int MAX_ANSWERS = 256;

  /** Larger answers are not kept: a matrix page of the demo data is about 64 KiB. */
  static final int MAX_BYTES = 512 * 1024;

  /** All kept answers together at most: what the server spends on them. */
  static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;

  /** One answer: what a 200 carries besides the ETag and caching rule. */
  record Answer(String contentType, String contentDisposition, byte[] body) {}

  private final Map<String, Answer> answers =
      new LinkedHashMap<>(MAX_ANSWERS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
          if (size() > MAX_ANSWERS) {
            bytes -= eldest.getValue().body().length;
            return true;
          }
          return false;
        }
      };

  synchronized Answer get(String etag) {
    return answers.get(etag);
  }

  private long bytes;

  synchronized void put(String etag, Answer answer) {
    if (answer.body().length > MAX_BYTES) {
      return;
    }
    Answer old = answers.put(etag, answer);
    bytes += answer.body().length - (old == null ? 0 : old.body().length);
    // Least recently used first, until the rest fits.
    java.util.Iterator<Answer> eldest = answers.values().iterator();
    while (bytes > MAX_TOTAL_BYTES && eldest.hasNext()) {
      bytes -= eldest.next().body().length;
      eldest.remove();
    }
  }
}
