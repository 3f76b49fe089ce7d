package org.shimwatch.web.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A bottom axis in nanoseconds on a logarithmic scale, from the decade at or below the smallest
 * bucket to the decade at or above the largest.
 */
final class LogAxis {

  /** At most this many decade labels; wider ranges label every second or third decade. */
  static final int MAX_LABELS = 8;

  final double fromDecade;
  final double toDecade;
  final ChartView.Plot plot;

  LogAxis(ChartView.Plot plot, List<LatencyBin> bins) {
    this.plot = plot;
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (LatencyBin b : bins) {
      lo = Math.min(lo, Scale.log(b.lowerNs()));
      hi = Math.max(hi, Scale.log(b.upperNs()));
    }
    if (bins.isEmpty()) {
      // An empty chart still shows a sensible range: 1 µs to 1 s.
      lo = 3;
      hi = 9;
    }
    double from = Math.floor(lo);
    double to = Math.ceil(hi);
    if (to <= from) {
      to = from + 1;
    }
    this.fromDecade = from;
    this.toDecade = to;
  }

  /** The x coordinate of a value in nanoseconds. */
  double x(double ns) {
    double f = (Scale.log(ns) - fromDecade) / (toDecade - fromDecade);
    f = Math.max(0, Math.min(1, f));
    return plot.left() + f * plot.width();
  }

  List<ChartView.Tick> ticks() {
    int decades = (int) (toDecade - fromDecade);
    int every = Math.max(1, (int) Math.ceil((decades + 1) / (double) MAX_LABELS));
    List<ChartView.Tick> out = new ArrayList<>();
    for (int d = 0; d <= decades; d += every) {
      double ns = Math.pow(10, fromDecade + d);
      out.add(new ChartView.Tick(Scale.round(x(ns)), Format.nanos(ns)));
    }
    return out;
  }

  /** Narrowest bar: a log bucket is a sixteenth of an octave, too thin to see on its own. */
  static final double MIN_BAR = 2;

  /** The left edge and width of a bucket's bar, at least {@link #MIN_BAR} wide so that it shows. */
  double[] span(LatencyBin b) {
    double left = x(b.lowerNs());
    double right = x(b.upperNs());
    double width = right - left;
    if (width < MIN_BAR) {
      left -= (MIN_BAR - width) / 2;
      width = MIN_BAR;
    }
    left = Math.max(plot.left(), left);
    if (left + width > plot.right()) {
      left = plot.right() - width;
    }
    return new double[] {Scale.round(left), Scale.round(width)};
  }

  static String range(LatencyBin b) {
    return Format.nanos(b.lowerNs()) + " – " + Format.nanos(b.upperNs());
  }
}
