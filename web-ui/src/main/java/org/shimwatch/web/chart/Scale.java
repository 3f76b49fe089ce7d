package org.shimwatch.web.chart;

import java.util.ArrayList;
import java.util.List;

/** Axis arithmetic: round tick steps for linear axes and decades for logarithmic ones. */
final class Scale {

  private Scale() {}

  /**
   * A round step (1, 2 or 5 times a power of ten) that splits {@code 0..max} into about {@code
   * target} parts.
   */
  static double niceStep(double max, int target) {
    if (!(max > 0) || Double.isInfinite(max)) {
      return 1;
    }
    double raw = max / Math.max(1, target);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice;
    if (fraction <= 1) {
      nice = 1;
    } else if (fraction <= 2) {
      nice = 2;
    } else if (fraction <= 5) {
      nice = 5;
    } else {
      nice = 10;
    }
    return nice * magnitude;
  }

  /**
   * Tick values from 0 up to the first multiple of the step at or above {@code max}; at least
   * {@code 0} and one step. Values below 1 get a step of 1 when {@code wholeNumbers} is set, since
   * counts have no fractions.
   */
  static List<Double> ticks(double max, int target, boolean wholeNumbers) {
    double step = niceStep(max, target);
    if (wholeNumbers && step < 1) {
      step = 1;
    }
    List<Double> out = new ArrayList<>();
    out.add(0.0);
    double v = 0;
    // Bounded: max / step is about target, so this runs a handful of times.
    for (int i = 1; i <= 50; i++) {
      v = step * i;
      out.add(v);
      if (v >= max) {
        break;
      }
    }
    return out;
  }

  /** Rounds a coordinate to a tenth of a unit: plenty for a screen, short in the markup. */
  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** {@code log10} of a value, treating everything below 1 as 1 (so 0 ns sits at the origin). */
  static double log(double v) {
    return Math.log10(Math.max(1, v));
  }
}
