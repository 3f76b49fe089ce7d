package org.shimwatch.web.latency;

import java.util.List;
import org.shimwatch.web.chart.LatencyBin;

/**
 * The merged buckets behind a {@link LatencyComparison}: what each side's latency and overshoot
 * figures were computed from, for drawing.
 */
public record LatencyDistributions(
    List<LatencyBin> latencyA,
    List<LatencyBin> latencyB,
    List<LatencyBin> overshootA,
    List<LatencyBin> overshootB) {

  public LatencyDistributions {
    latencyA = List.copyOf(latencyA);
    latencyB = List.copyOf(latencyB);
    overshootA = List.copyOf(overshootA);
    overshootB = List.copyOf(overshootB);
  }
}
