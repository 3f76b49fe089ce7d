package org.shimwatch.server.latency;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shimwatch.server.report.CallRow;
import org.shimwatch.server.report.HistogramText;
import org.shimwatch.server.rollup.KeyHash;
import org.shimwatch.server.rollup.RolledReport;

/**
 * What a set of reports adds to the latency rollups: per stack version, shim version and call kind,
 * the reports, calls and the sum of their histograms. Only reports whose shim was active.
 */
final class LatencyTally {

  final Map<String, Entry> entries = new LinkedHashMap<>();

  /** One rollup's delta. */
  static final class Entry {
    final String hash;
    final String stackName;
    final String stackVersion;
    final String shimVersion;
    final String callKind;
    long reports;
    long calls;
    final long[] latency = HistogramText.counts();
    final long[] overshoot = HistogramText.counts();

    Entry(String hash, String stackName, String stackVersion, String shimVersion, String kind) {
      this.hash = hash;
      this.stackName = stackName;
      this.stackVersion = stackVersion;
      this.shimVersion = shimVersion;
      this.callKind = kind;
    }
  }

  void add(RolledReport r) {
    if (!r.shimActive()) {
      return;
    }
    String stackName = RolledReport.nz(r.stackName());
    String stackVersion = RolledReport.nz(r.stackVersion());
    String shim = RolledReport.nz(r.shimVersion());
    for (CallRow c : r.calls()) {
      String hash = KeyHash.of(stackName, stackVersion, shim, c.kind());
      Entry e =
          entries.computeIfAbsent(hash, h -> new Entry(h, stackName, stackVersion, shim, c.kind()));
      e.reports++;
      e.calls += c.count();
      HistogramText.addTo(e.latency, c.latency(), 1);
      HistogramText.addTo(e.overshoot, c.overshoot(), 1);
    }
  }
}
