package org.shimwatch.web.matrix;

import java.util.Map;
import java.util.Set;
import org.springframework.web.util.HtmlUtils;

/**
 * The matrix table's body as HTML, written in one pass: a line per row with a cell per column. The
 * page has about two hundred cells, and each took a dozen template expressions (link building, a
 * method call per value); written here, each value is escaped once and each link is one string
 * built from parts computed once per row and once per column. The HTML is what the template wrote
 * for the same data, byte for byte. Every name that comes from a report is escaped for HTML ({@code
 * & < > " '}); links carry only URL-encoded values.
 */
final class MatrixTableBody {

  private MatrixTableBody() {}

  /**
   * The body's HTML.
   *
   * @param contextPath where the application is (prefixed to the links, as the template's
   *     {@code @{...}} did)
   * @param advice cells with advice, as {@code rowKey|columnKey}
   */
  static String html(
      MatrixView view, MatrixFilters filters, Set<String> advice, String contextPath) {
    int rowCount = view.rows().size();
    int columnCount = view.columns().size();
    MatrixCell[][] grid = new MatrixCell[rowCount][columnCount];
    for (MatrixCell c : view.cells()) {
      grid[c.row()][c.column()] = c;
    }
    // The drill-down: /matrix/{project}/cell?row=R&columns=C&column=K then the other filters, in
    // the order the template's link had them; only the row and column keys differ per cell.
    String prefix = contextPath + "/matrix/" + MatrixFilters.encode(view.project()) + "/cell?row=";
    StringBuilder rest = new StringBuilder();
    Map<String, String> p = filters.parameters();
    p.remove("columns");
    p.forEach(
        (k, v) ->
            rest.append('&')
                .append(MatrixFilters.encode(k))
                .append('=')
                .append(MatrixFilters.encode(v)));
    String columnsPart =
        "&columns=" + MatrixFilters.encode(view.columnsBy().wireName()) + "&column=";
    String[] columnHref = new String[columnCount];
    String[] columnTitle = new String[columnCount];
    for (int j = 0; j < columnCount; j++) {
      MatrixColumn column = view.columns().get(j);
      columnHref[j] = escape(columnsPart + MatrixFilters.encode(column.key()) + rest);
      columnTitle[j] = escape(column.label());
    }
    String hrefStart = escape(prefix);
    StringBuilder out = new StringBuilder(2048 + rowCount * columnCount * 400);
    for (int i = 0; i < rowCount; i++) {
      MatrixRow row = view.rows().get(i);
      String platform = escape(row.platform());
      String stack = escape(row.stack());
      String rowHref = hrefStart + escape(MatrixFilters.encode(row.key()));
      out.append("\n      <tr>\n        <th scope=\"row\" class=\"row-head\">\n");
      out.append("          <span class=\"platform\">").append(platform).append("</span>\n");
      out.append("          <span class=\"stack\">").append(stack).append("</span>\n");
      out.append("          ");
      if (!row.fixLevel().isEmpty()) {
        out.append("<span class=\"fixes\">").append(escape(row.fixLevel())).append("</span>");
      }
      out.append("\n          ");
      Long inactive = row.shimInactiveReports();
      if (inactive != null && inactive > 0) {
        out.append("<span class=\"inactive\">")
            .append(inactive)
            .append(" with the shim inactive (not counted)</span>");
      }
      out.append("\n        </th>\n        ");
      for (int j = 0; j < columnCount; j++) {
        MatrixCell c = grid[i][j];
        if (c == null) {
          out.append(
              "<td class=\"cell empty\">\n          \n          <span class=\"none\""
                  + " aria-hidden=\"true\">&ndash;</span><span class=\"sr-only\">no"
                  + " reports</span>\n        </td>");
        } else {
          cell(out, view, row, platform, stack, c, rowHref, columnHref[j], columnTitle[j], advice);
        }
        if (j < columnCount - 1) {
          out.append("\n        ");
        }
      }
      out.append("\n      </tr>");
    }
    out.append("\n      ");
    return out.toString();
  }

  private static void cell(
      StringBuilder out,
      MatrixView view,
      MatrixRow row,
      String platform,
      String stack,
      MatrixCell c,
      String rowHref,
      String columnHref,
      String columnTitle,
      Set<String> advice) {
    TierStyle style = TierStyle.of(c.tier());
    boolean low = Boolean.TRUE.equals(c.lowSample()) && c.reports() != null;
    String label = style.label();
    out.append("<td class=\"cell ").append(style.cssClass()).append(low ? " low\">" : "\">");
    out.append("\n          <a title=\"").append(label).append(": ").append(platform).append(", ");
    out.append(stack).append(", ").append(columnTitle);
    String counts = null;
    if (c.reports() != null) {
      counts =
          MatrixPages.plural(c.reports(), "report")
              + ", "
              + MatrixPages.plural(c.installations(), "installation");
      out.append(" (").append(counts).append(')');
    }
    out.append("\" href=\"").append(rowHref).append(columnHref);
    out.append("\">\n            <span class=\"tier\">")
        .append(label)
        .append("</span>\n            ");
    if (low) {
      out.append("<span class=\"low-sample\">low sample</span>");
    }
    out.append("\n            ");
    String column = view.columns().get(c.column()).key();
    if (!advice.isEmpty() && advice.contains(row.key() + "|" + column)) {
      out.append("<span class=\"advice-marker\">known issue</span>");
    }
    out.append("\n            ");
    if (counts != null) {
      out.append("<span class=\"counts\">").append(counts).append("</span>");
    }
    out.append("\n          </a>\n          \n        </td>");
  }

  /** The column headers after the row headers' one, each on its own line. */
  static String columnHeads(MatrixView view) {
    StringBuilder out = new StringBuilder();
    for (MatrixColumn c : view.columns()) {
      if (!out.isEmpty()) {
        out.append("\n        ");
      }
      out.append("<th scope=\"col\">").append(escape(c.label())).append("</th>");
    }
    return out.toString();
  }

  /** Text for HTML, in an element or a quoted attribute: {@code & < > " '} escaped. */
  static String escape(String s) {
    return HtmlUtils.htmlEscape(s, "UTF-8");
  }
}
