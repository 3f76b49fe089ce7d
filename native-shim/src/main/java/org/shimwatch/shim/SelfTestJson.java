package org.shimwatch.shim;

/**
 * Self-test results made on the Java side, for checks that do not run: the same JSON shape the
 * library writes ({@code id, result, summary, durationMs, values}), with result {@code skipped}.
 */
final class SelfTestJson {

  /** The report contract's limit on a summary. */
  static final int SUMMARY_MAX = 500;

  private SelfTestJson() {}

  static String skipped(String id, String summary) {
    return "{\"id\":"
        + quote(id)
        + ",\"result\":\"skipped\",\"summary\":"
        + quote(cut(summary))
        + ",\"durationMs\":0,\"values\":{}}";
  }

  /** At most {@link #SUMMARY_MAX} characters, never half a surrogate pair. */
  static String cut(String s) {
    if (s.codePointCount(0, s.length()) <= SUMMARY_MAX) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, SUMMARY_MAX));
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
