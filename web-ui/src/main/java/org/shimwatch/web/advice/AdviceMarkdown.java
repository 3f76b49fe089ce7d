package org.shimwatch.web.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown subset advice is written in, turned into HTML that can hold nothing but what this
 * class writes itself. The whole text is HTML-escaped first ({@code & < > " '}); the markers of the
 * subset are plain ASCII that escaping leaves alone, so they are found in the escaped text and
 * every byte between them is already inert. No raw HTML passes, ever.
 *
 * <ul>
 *   <li>Paragraphs: lines separated by a blank line.
 *   <li>{@code *emphasis*}, {@code **strong**}, {@code `inline code`}; a backslash before one of
 *       {@code \ ` * [ ] ( )} writes it as it is. Underscores are left as they are, so names such
 *       as {@code SO_REUSEADDR} stay intact.
 *   <li>Code blocks: a line starting with three backticks opens one, the next such line closes it
 *       (an unclosed block runs to the end of the text).
 *   <li>Lists: lines starting with {@code - } or {@code * } (bullets) or {@code 1. } (numbered); an
 *       indented line continues the item above. Lists do not nest.
 *   <li>Links: {@code [text](http://…)} or {@code https://…} only; any other address ({@code
 *       javascript:}, {@code data:}, relative) leaves the text as it was written.
 * </ul>
 */
public final class AdviceMarkdown {

  /** Longest advice text, in characters. */
  public static final int MAX_LENGTH = 8000;

  private AdviceMarkdown() {}

  /** The HTML of a text in the subset; {@code ""} for {@code null}. */
  public static String toHtml(String markdown) {
    if (markdown == null) {
      return "";
    }
    List<String> lines =
        List.of(escape(markdown).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (line.isBlank()) {
        i++;
      } else if (fence(line)) {
        i = codeBlock(lines, i, out);
      } else if (item(line) != null) {
        i = list(lines, i, out);
      } else {
        i = paragraph(lines, i, out);
      }
    }
    return out.toString();
  }

  /**
   * The first line of the text as plain words (markers taken away, links as their text), at most
   * {@code max} characters: the one-line summary {@code shimwatch run} prints.
   */
  public static String firstLine(String markdown, int max) {
    if (markdown == null) {
      return "";
    }
    for (String raw : markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("```")) {
        continue;
      }
      String[] marker = item(line);
      if (marker != null) {
        line = line.substring(marker[1].length()).strip();
      }
      String text = plain(line);
      if (text.isBlank()) {
        continue;
      }
      return text.length() <= max ? text : text.substring(0, max - 1).stripTrailing() + "…";
    }
    return "";
  }

  /** HTML escaping of text and attribute values. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean fence(String line) {
    return line.stripLeading().startsWith("```");
  }

  private static int codeBlock(List<String> lines, int start, StringBuilder out) {
    List<String> code = new ArrayList<>();
    int i = start + 1;
    while (i < lines.size() && !fence(lines.get(i))) {
      code.add(lines.get(i));
      i++;
    }
    // Trailing blank lines of an unclosed block are the end of the text, not code.
    while (i >= lines.size() && !code.isEmpty() && code.get(code.size() - 1).isBlank()) {
      code.remove(code.size() - 1);
    }
    out.append("<pre><code>").append(String.join("\n", code)).append("</code></pre>\n");
    return Math.min(i + 1, lines.size());
  }

  /** The list kind ({@code ul} or {@code ol}) and marker of an item line, or {@code null}. */
  private static String[] item(String line) {
    if (line.startsWith("- ") || line.startsWith("* ")) {
      return new String[] {"ul", line.substring(0, 2)};
    }
    int d = 0;
    while (d < line.length() && d < 9 && Character.isDigit(line.charAt(d))) {
      d++;
    }
    if (d > 0 && line.startsWith(". ", d)) {
      return new String[] {"ol", line.substring(0, d + 2)};
    }
    return null;
  }

  private static int list(List<String> lines, int start, StringBuilder out) {
    String kind = item(lines.get(start))[0];
    out.append('<').append(kind).append(">\n");
    int i = start;
    while (i < lines.size()) {
      String[] marker = item(lines.get(i));
      if (marker == null || !marker[0].equals(kind)) {
        break;
      }
      StringBuilder text = new StringBuilder(lines.get(i).substring(marker[1].length()).strip());
      i++;
      while (i < lines.size()
          && !lines.get(i).isBlank()
          && (lines.get(i).startsWith(" ") || lines.get(i).startsWith("\t"))
          && !fence(lines.get(i))) {
        text.append('\n').append(lines.get(i).strip());
        i++;
      }
      out.append("<li>").append(inline(text.toString())).append("</li>\n");
    }
    out.append("</").append(kind).append(">\n");
    return i;
  }

  private static int paragraph(List<String> lines, int start, StringBuilder out) {
    List<String> text = new ArrayList<>();
    int i = start;
    while (i < lines.size()
        && !lines.get(i).isBlank()
        && !fence(lines.get(i))
        && (i == start || item(lines.get(i)) == null)) {
      text.add(lines.get(i).strip());
      i++;
    }
    out.append("<p>").append(inline(String.join("\n", text))).append("</p>\n");
    return i;
  }

  /** Inline markup of escaped text. */
  static String inline(String s) {
    StringBuilder out = new StringBuilder();
    inline(s, 0, s.length(), out, true);
    return out.toString();
  }

  private static void inline(String s, int from, int to, StringBuilder out, boolean links) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < to && "\\`*[]()".indexOf(s.charAt(i + 1)) >= 0) {
        out.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '`') {
        int end = s.indexOf('`', i + 1);
        if (end < 0 || end >= to) {
          out.append(c);
          i++;
        } else {
          out.append("<code>").append(s, i + 1, end).append("</code>");
          i = end + 1;
        }
      } else if (c == '*' && s.startsWith("**", i)) {
        int end = closing(s, i + 2, to, "**");
        if (end < 0 || end == i + 2) {
          out.append("**");
          i += 2;
        } else {
          out.append("<strong>");
          inline(s, i + 2, end, out, links);
          out.append("</strong>");
          i = end + 2;
        }
      } else if (c == '*') {
        int end = closing(s, i + 1, to, "*");
        if (end < 0 || end == i + 1 || Character.isWhitespace(s.charAt(i + 1))) {
          out.append('*');
          i++;
        } else {
          out.append("<em>");
          inline(s, i + 1, end, out, links);
          out.append("</em>");
          i = end + 1;
        }
      } else if (c == '[' && links) {
        int next = link(s, i, to, out);
        if (next < 0) {
          out.append('[');
          i++;
        } else {
          i = next;
        }
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /**
   * Where the closing {@code marker} of a span opened before {@code from} is, skipping code spans
   * and escaped characters; {@code -1} when there is none before {@code to}. A single {@code *}
   * does not close on the first star of a {@code **}.
   */
  private static int closing(String s, int from, int to, String marker) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < to) {
        i += 2;
      } else if (c == '`') {
        int end = s.indexOf('`', i + 1);
        i = end < 0 || end >= to ? i + 1 : end + 1;
      } else if (marker.equals("*") && s.startsWith("**", i)) {
        int inner = closing(s, i + 2, to, "**");
        i = inner < 0 ? i + 2 : inner + 2;
      } else if (s.startsWith(marker, i) && i + marker.length() <= to) {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  /** Writes a link opened at {@code open}; returns where it ends, or -1 when it is not one. */
  private static int link(String s, int open, int to, StringBuilder out) {
    int close = s.indexOf("](", open + 1);
    if (close < 0 || close >= to || close == open + 1) {
      return -1;
    }
    int end = s.indexOf(')', close + 2);
    if (end < 0 || end >= to) {
      return -1;
    }
    String url = s.substring(close + 2, end);
    if (!httpUrl(url) || s.substring(open + 1, close).indexOf('[') >= 0) {
      return -1;
    }
    out.append("<a href=\"").append(url).append("\" rel=\"nofollow noopener noreferrer\">");
    inline(s, open + 1, close, out, false);
    out.append("</a>");
    return end + 1;
  }

  /** An absolute http or https address with a host and no blank or control character. */
  private static boolean httpUrl(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    String rest;
    if (u.startsWith("https://")) {
      rest = u.substring(8);
    } else if (u.startsWith("http://")) {
      rest = u.substring(7);
    } else {
      return false;
    }
    if (rest.isEmpty() || rest.charAt(0) == '/' || rest.length() > 2000) {
      return false;
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /** A line's words without markers: code spans keep their text, links become their text. */
  private static String plain(String line) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && "\\`*[]()".indexOf(line.charAt(i + 1)) >= 0) {
        out.append(line.charAt(i + 1));
        i += 2;
      } else if (c == '`' || c == '*') {
        i++;
      } else if (c == '[') {
        int close = line.indexOf("](", i + 1);
        int end = close < 0 ? -1 : line.indexOf(')', close + 2);
        if (close > i && end > close) {
          out.append(plain(line.substring(i + 1, close)));
          i = end + 1;
        } else {
          out.append(c);
          i++;
        }
      } else {
        out.append(Character.isISOControl(c) ? ' ' : c);
        i++;
      }
    }
    return out.toString().strip();
  }
}
