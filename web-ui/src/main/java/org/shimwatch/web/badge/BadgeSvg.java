package org.shimwatch.web.badge;

import java.util.Locale;
import org.shimwatch.web.matrix.Tier;

/**
 * A flat two-part badge as SVG: a grey label on the left, a coloured message on the right. The
 * width follows the text, estimated from typical glyph widths of an 11px sans-serif face, since the
 * server cannot measure the viewer's font. Text is XML-escaped; colours are fixed strings.
 */
final class BadgeSvg {

  /** Label background. */
  static final String GREY = "#4a4f57";

  /** Message colour of a request the badge cannot answer. */
  static final String ERROR = "#b3261e";

  private static final int HEIGHT = 20;

  /** Space left and right of each text. */
  private static final int PADDING = 6;

  private BadgeSvg() {}

  /** The colour of a tier: the matrix page's tier colours, all readable with white text. */
  static String colour(Tier tier) {
    switch (tier) {
      case WORKS:
        return "#1f7a3a";
      case MOSTLY_WORKS:
        return "#8a5d00";
      case BROKEN:
        return "#b3261e";
      default:
        return "#5f6672";
    }
  }

  /** The badge: {@code label | message}, the message on {@code colour}. */
  static String render(String label, String message, String colour) {
    int left = textWidth(label) + 2 * PADDING;
    int right = textWidth(message) + 2 * PADDING;
    int width = left + right;
    String title = escape(label + ": " + message);
    StringBuilder s = new StringBuilder(600);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(title)
        .append("\">")
        .append("<title>")
        .append(title)
        .append("</title>")
        .append("<rect width=\"")
        .append(left)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" fill=\"")
        .append(GREY)
        .append("\"/>")
        .append("<rect x=\"")
        .append(left)
        .append("\" width=\"")
        .append(right)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" fill=\"")
        .append(colour)
        .append("\"/>")
        .append("<g fill=\"#fff\" text-anchor=\"middle\"")
        .append(" font-family=\"Verdana,Geneva,'DejaVu Sans',sans-serif\" font-size=\"11\">")
        .append("<text x=\"")
        .append(half(left))
        .append("\" y=\"14\">")
        .append(escape(label))
        .append("</text>")
        .append("<text x=\"")
        .append(half(2 * left + right))
        .append("\" y=\"14\">")
        .append(escape(message))
        .append("</text></g></svg>");
    return s.toString();
  }

  private static String half(int n) {
    return n % 2 == 0 ? Integer.toString(n / 2) : String.format(Locale.ROOT, "%.1f", n / 2.0);
  }

  /** The estimated width of a text in pixels at 11px, rounded up. */
  static int textWidth(String text) {
    double w = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      w += glyph(cp);
      i += Character.charCount(cp);
    }
    return (int) Math.ceil(w);
  }

  private static double glyph(int cp) {
    if ("iljI.,:;'|!`".indexOf(cp) >= 0) {
      return 3.1;
    }
    if (cp == ' ') {
      return 3.9;
    }
    if ("frt()[]{}/\\-".indexOf(cp) >= 0) {
      return 4.6;
    }
    if ("mw".indexOf(cp) >= 0) {
      return 9.8;
    }
    if ("MW%@".indexOf(cp) >= 0) {
      return 10.8;
    }
    if (cp >= 'A' && cp <= 'Z') {
      return 7.6;
    }
    if (cp >= '0' && cp <= '9') {
      return 7.0;
    }
    if (cp > 0x2E80) {
      // CJK and other wide scripts
      return 11.0;
    }
    return 6.6;
  }

  /** XML text and attribute escaping. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          // Characters XML 1.0 does not allow are dropped rather than break the document.
          if (c >= 0x20 || c == '\t') {
            out.append(c);
          }
      }
    }
    return out.toString();
  }
}
