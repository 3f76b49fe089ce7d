package org.shimwatch.server.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Histogram;
import org.shimwatch.server.report.CallRow;
import org.shimwatch.server.report.HistogramText;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.web.latency.Quantiles;

class LatencyTallyTests {

  @Test
  void mergesHistogramsOfOneStackShimAndCallAndReadsQuantilesFromTheSum() {
    Histogram fast = Histogram.of(20_000, 21_000, 22_000, 23_000, 24_000, 25_000, 26_000, 27_000);
    Histogram slow = Histogram.of(2_000_000, 2_100_000);
    LatencyTally t = new LatencyTally();

    t.add(report("0.2.0", "preload", new CallRow("poll", 8, 0, HistogramText.format(fast), "")));
    t.add(report("0.2.0", "preload", new CallRow("poll", 2, 0, HistogramText.format(slow), "")));
    t.add(report("0.1.0", "preload", new CallRow("poll", 8, 0, HistogramText.format(fast), "")));

    assertThat(t.entries).hasSize(2);
    LatencyTally.Entry e =
        t.entries.values().stream().filter(x -> x.shimVersion.equals("0.2.0")).findFirst().get();
    assertThat(e.reports).isEqualTo(2);
    assertThat(e.calls).isEqualTo(10);
    Histogram merged = fast.merge(slow);
    java.util.TreeMap<Integer, Long> latency = HistogramText.parse(HistogramText.format(e.latency));
    assertThat(latency).isEqualTo(merged.buckets());
    Quantiles q = LatencyService.quantiles(latency);
    assertThat(q.count()).isEqualTo(10);
    assertThat(q.p50Ns()).isEqualTo(new Histogram(merged.buckets(), null).valueAtQuantile(0.5));
    assertThat(q.p50Ns()).isBetween(22_000L * 97 / 100, 26_000L * 103 / 100);
    // p90 is the ninth value: a slow call, within the buckets' 3.1%.
    assertThat(q.p90Ns()).isBetween(2_000_000L * 97 / 100, 2_000_000L * 103 / 100);
    assertThat(q.maxNs()).isBetween(2_100_000L * 97 / 100, 2_100_000L * 103 / 100);
  }

  @Test
  void leavesOutReportsWhoseShimWasNotActive() {
    LatencyTally t = new LatencyTally();

    t.add(
        report(
            "2004-05",
            "side-dir-after-lib-dynload",
            new CallRow("select", 5, 0, HistogramText.format(Histogram.of(1, 2, 3, 4, 5)), "")));

    assertThat(t.entries).isEmpty();
  }

  @Test
  void anEmptyHistogramHasZeroFigures() {
    assertThat(LatencyService.quantiles(java.util.Map.of()))
        .isEqualTo(new Quantiles(0, 0, 0, 0, 0));
  }

  private static RolledReport report(String shim, String mode, CallRow call) {
    Instant at = Instant.parse("2026-11-01T00:00:00Z");
    return new RolledReport(
        1,
        UUID.randomUUID(),
        UUID.randomUUID(),
        at,
        at,
        "works",
        "linux",
        "Debian GNU/Linux",
        "12",
        "linux",
        "6.1.0-27-amd64",
        null,
        "",
        "aria2c",
        "1.37.0",
        shim,
        mode,
        0,
        0,
        true,
        List.of(),
        List.of(call));
  }
}
