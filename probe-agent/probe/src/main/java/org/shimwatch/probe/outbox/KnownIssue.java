package org.shimwatch.probe.outbox;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A known issue the server named in a receipt: advice its maintainer wrote for the trap group the
 * report's trap fell in. Servers from before known issues send none; a probe from before them
 * ignores the field.
 *
 * @param title the advice's title
 * @param workaround its first line, as plain words
 * @param fixedIn the shim version that fixes it, or {@code null}
 * @param link where to read it: a path on the server ({@code /known-issues/…}), or {@code null}
 */
public record KnownIssue(String title, String workaround, String fixedIn, String link) {

  /** A receipt names at most this many known issues; more would crowd a run's closing lines. */
  static final int MAX_KNOWN_ISSUES = 5;

  /** Longest title or workaround kept; the server sends at most 200 characters of either. */
  static final int MAX_TEXT = 240;

  /**
   * The known issues a receipt names, read leniently: the field is optional (older servers do not
   * send it), an entry without a title is skipped, and text is cut and cleared of control
   * characters, so nothing the server sends can move the cursor or recolour the user's terminal.
   */
  public static List<KnownIssue> listOf(JsonNode receipt) {
    List<KnownIssue> out = new ArrayList<>();
    JsonNode list = receipt.get("knownIssues");
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode k : list) {
      if (out.size() >= MAX_KNOWN_ISSUES) {
        break;
      }
      if (!k.isObject()) {
        continue;
      }
      String title = text(k.get("title"));
      if (title == null) {
        continue;
      }
      String link = text(k.get("link"));
      if (link != null && !link.startsWith("/")) {
        // Only a path on the server the report went to: never an address elsewhere.
        link = null;
      }
      out.add(new KnownIssue(title, text(k.get("workaround")), text(k.get("fixedIn")), link));
    }
    return out;
  }

  private static String text(JsonNode n) {
    if (n == null || !n.isString()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    String s = n.asString();
    for (int i = 0; i < s.length() && b.length() < MAX_TEXT; ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.FORMAT) {
        b.append(' ');
      } else {
        b.appendCodePoint(c);
      }
    }
    String t = b.toString().strip();
    return t.isEmpty() ? null : t;
  }
}
