package org.shimwatch.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shimwatch.report.Histogram;
import org.shimwatch.report.LogBuckets;
import org.shimwatch.web.chart.LatencyBin;
import org.shimwatch.web.reports.ReportDetail;

/** Histograms as the pages draw them: buckets with their value bounds, and percentiles. */
final class Buckets {

  private Buckets() {}

  /** Each non-empty bucket with the values it holds, in index order. */
  static List<LatencyBin> bins(Map<Integer, Long> buckets) {
    List<LatencyBin> out = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      if (e.getValue() > 0) {
        long lower = LogBuckets.lowerBound(e.getKey());
        out.add(new LatencyBin(lower, lower + LogBuckets.width(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  /** Count, p50, p95, p99 and max (bucket midpoints, capped at the known maximum). */
  static ReportDetail.Percentiles percentiles(Histogram h) {
    if (h == null) {
      return new ReportDetail.Percentiles(0, 0, 0, 0, 0);
    }
    return new ReportDetail.Percentiles(
        h.totalCount(),
        h.valueAtQuantile(0.5),
        h.valueAtQuantile(0.95),
        h.valueAtQuantile(0.99),
        h.maxNs() != null ? h.maxNs() : h.valueAtQuantile(1.0));
  }
}
