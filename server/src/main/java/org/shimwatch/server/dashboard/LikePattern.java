package org.shimwatch.server.dashboard;

import java.util.Locale;

/**
 * Free text as a {@code LIKE} pattern that finds it anywhere, with its own wildcards taken
 * literally: {@code %}, {@code _} and the escape character itself are escaped with {@code !}
 * (written {@code ESCAPE '!'} in the query, which both H2 and PostgreSQL read the same way).
 */
final class LikePattern {

  static final char ESCAPE = '!';

  private LikePattern() {}

  /** {@code %text%} in lower case, wildcards escaped. */
  static String contains(String text) {
    StringBuilder s = new StringBuilder("%");
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '%' || c == '_' || c == ESCAPE) {
        s.append(ESCAPE);
      }
      s.append(c);
    }
    return s.append('%').toString();
  }
}
