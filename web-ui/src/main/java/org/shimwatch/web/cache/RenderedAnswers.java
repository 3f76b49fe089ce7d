package org.shimwatch.web.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public answers as last sent, by ETag. An ETag names one answer exactly (the project's public
 * version, path and query, format, host, build and day), so a stored answer is right for as long as
 * its ETag is current, and a crowd asking for the same page costs one rendering, not one each.
 * Bounded: the least recently used answers go first, and answers of an old version are never asked
 * for again, so they go too.
 */
final class RenderedAnswers {

  /** Answers kept: every public view of a few projects, a few megabytes at most. */
  static final int MAX_ANSWERS = 256;

  /** Larger answers are not kept: a matrix page of the demo data is about 64 KiB. */
  static final int MAX_BYTES = 512 * 1024;

  /** One answer: what a 200 carries besides the ETag and caching rule. */
  record Answer(String contentType, String contentDisposition, byte[] body) {}

  private final Map<String, Answer> answers =
      new LinkedHashMap<>(MAX_ANSWERS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
          return size() > MAX_ANSWERS;
        }
      };

  synchronized Answer get(String etag) {
    return answers.get(etag);
  }

  synchronized void put(String etag, Answer answer) {
    if (answer.body().length <= MAX_BYTES) {
      answers.put(etag, answer);
    }
  }
}
