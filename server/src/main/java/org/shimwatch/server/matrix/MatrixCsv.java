package org.shimwatch.server.matrix;

import java.util.List;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;

/**
 * The matrix as CSV (RFC 4180): a header, then one line per cell. Text comes from reports, so it is
 * made harmless for spreadsheets: a field starting with {@code = + - @}, a tab or a carriage return
 * is prefixed with {@code '} so no spreadsheet runs it as a formula; then fields with a comma,
 * quote or line break are quoted, quotes doubled. Numbers are written as they are.
 */
final class MatrixCsv {

  static final String HEADER =
      "platform,stack,fix_level,column,tier,low_sample,reports,installations,works,select_problem,"
          + "traps,other,unknown_healthy,unknown_other,trap_reports,anomaly_reports,"
          + "self_test_failure_reports,success_lower_bound,trap_report_share,last_seen,"
          + "row_shim_inactive_reports";

  private MatrixCsv() {}

  static String write(MatrixView view) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (MatrixCell c : view.cells()) {
      MatrixRow row = view.rows().get(c.row());
      MatrixColumn column = view.columns().get(c.column());
      MatrixCell.Outcomes o = c.outcomes();
      MatrixCell.Evidence e = c.evidence();
      line(
          out,
          List.of(
              text(row.platform()),
              text(row.stack()),
              text(row.fixLevel()),
              text(column.label()),
              text(c.tier().label()),
              c.lowSample() == null ? "" : c.lowSample().toString(),
              number(c.reports()),
              number(c.installations()),
              o == null ? "" : Long.toString(o.works()),
              o == null ? "" : Long.toString(o.selectProblem()),
              o == null ? "" : Long.toString(o.traps()),
              o == null ? "" : Long.toString(o.other()),
              o == null ? "" : Long.toString(o.unknownHealthy()),
              o == null ? "" : Long.toString(o.unknownOther()),
              e == null ? "" : Long.toString(e.trapReports()),
              e == null ? "" : Long.toString(e.anomalyReports()),
              e == null ? "" : Long.toString(e.selfTestFailureReports()),
              fraction(c.successLowerBound()),
              fraction(c.trapReportShare()),
              c.lastSeen() == null ? "" : c.lastSeen().toString(),
              number(row.shimInactiveReports())));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(fields.get(i));
    }
    out.append("\r\n");
  }

  /** A text field, neutralized and quoted as needed. */
  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      v = "'" + v;
    }
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char ch = v.charAt(i);
      quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
    }
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private static String number(Long n) {
    return n == null ? "" : n.toString();
  }

  private static String fraction(Double d) {
    return d == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", d);
  }
}
