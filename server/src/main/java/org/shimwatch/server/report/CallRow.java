package org.shimwatch.server.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shimwatch.report.CallKind;
import org.shimwatch.report.CallMetrics;
import org.shimwatch.report.Report;

/**
 * What the shim recorded for one kind of call in one report, as stored for the analytics.
 *
 * <p>A report's calls are kept in its own row, in the {@code calls} column, as text: one entry per
 * call kind, {@code kind count fdAboveSetsize latency overshoot} separated by single spaces,
 * entries joined by {@code ;}, histograms as {@link HistogramText}. Storing them with the report
 * costs no rows or index entries of their own, which is most of what a report's storage cost.
 *
 * @param kind the contract's call name, e.g. {@code select}
 * @param count calls made
 * @param fdAboveSetsize select() calls with nfds above FD_SETSIZE: evidence of the select() problem
 * @param latency latency histogram as {@link HistogramText}
 * @param overshoot timeout-overshoot histogram as {@link HistogramText}
 */
public record CallRow(
    String kind, long count, long fdAboveSetsize, String latency, String overshoot) {

  /**
   * The call rows of a report (unmodifiable): one per call kind it made, in the contract's order.
   */
  public static List<CallRow> of(Report report) {
    if (report.metrics() == null || report.metrics().calls() == null) {
      return List.of();
    }
    List<CallRow> out = new ArrayList<>();
    for (Map.Entry<CallKind, CallMetrics> e : report.metrics().calls().byKind().entrySet()) {
      CallMetrics m = e.getValue();
      out.add(
          new CallRow(
              e.getKey().wireName(),
              m.count(),
              m.anomalies() == null ? 0 : m.anomalies().fdAboveSetsize(),
              HistogramText.format(m.latency()),
              HistogramText.format(m.timeoutOvershoot())));
    }
    return List.copyOf(out);
  }

  /** The stored text of these calls; the empty string for none. */
  public static String format(List<CallRow> calls) {
    StringBuilder s = new StringBuilder();
    for (CallRow c : calls) {
      if (s.length() > 0) {
        s.append(';');
      }
      s.append(c.kind())
          .append(' ')
          .append(c.count())
          .append(' ')
          .append(c.fdAboveSetsize())
          .append(' ')
          .append(c.latency())
          .append(' ')
          .append(c.overshoot());
    }
    return s.toString();
  }

  /**
   * The calls of a stored text.
   *
   * @throws IllegalArgumentException when the text is not in this format
   */
  public static List<CallRow> parse(String text) {
    List<CallRow> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String entry : text.split(";", -1)) {
      String[] f = entry.split(" ", -1);
      if (f.length != 5 || f[0].isEmpty()) {
        throw new IllegalArgumentException("not a stored call: '" + entry + "'");
      }
      long count;
      long fd;
      try {
        count = Long.parseLong(f[1]);
        fd = Long.parseLong(f[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a stored call: '" + entry + "'", e);
      }
      // Checked here so that a damaged text fails where it is read, not in a rollup.
      HistogramText.parse(f[3]);
      HistogramText.parse(f[4]);
      out.add(new CallRow(f[0], count, fd, f[3], f[4]));
    }
    return out;
  }

  /** All select() calls with nfds above FD_SETSIZE in these calls. */
  public static long fdAboveSetsize(List<CallRow> calls) {
    long n = 0;
    for (CallRow c : calls) {
      n += c.fdAboveSetsize();
    }
    return n;
  }
}
