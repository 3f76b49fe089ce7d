package org.shimwatch.web.chart;

import java.util.Locale;

/** How charts and tables write numbers: short counts, times in readable units, percentages. */
public final class Format {

  private static final String[] SUFFIXES = {"", "k", "M", "G", "T", "P", "E"};

  /** An instance for templates, whose expressions call these methods on an object. */
  public static final Format TEMPLATES = new Format();

  private Format() {}

  /** A count in at most four characters or so: {@code 950}, {@code 12k}, {@code 3.4M}. */
  public static String compact(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double v = Math.abs(value);
    String sign = value < 0 ? "-" : "";
    int unit = 0;
    while (v >= 999.5 && unit < SUFFIXES.length - 1) {
      v /= 1000;
      unit++;
    }
    if (unit == 0) {
      return sign + (v == Math.rint(v) ? Long.toString((long) v) : trim(v, 1));
    }
    return sign + (v < 9.95 ? trim(v, 1) : Long.toString(Math.round(v))) + SUFFIXES[unit];
  }

  /** A count with thousands separators: {@code 1,234,567}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Nanoseconds in the largest unit that keeps the number at or above 1: {@code 2.4 ms}. */
  public static String nanos(double ns) {
    if (Double.isNaN(ns)) {
      return "-";
    }
    double v = Math.abs(ns);
    String sign = ns < 0 ? "-" : "";
    if (v < 1_000) {
      return sign + trim(v, 0) + " ns";
    }
    if (v < 1_000_000) {
      return sign + trim(v / 1_000, v < 10_000 ? 1 : 0) + " µs";
    }
    if (v < 1_000_000_000) {
      return sign + trim(v / 1_000_000, v < 10_000_000 ? 1 : 0) + " ms";
    }
    double s = v / 1_000_000_000;
    if (s < 100) {
      return sign + trim(s, s < 10 ? 2 : 1) + " s";
    }
    if (s < 7200) {
      return sign + trim(s / 60, 1) + " min";
    }
    return sign + trim(s / 3600, 1) + " h";
  }

  /** A fraction from 0 to 1 as a percentage: {@code 87%}, {@code 4.5%}. */
  public static String percent(double fraction) {
    if (Double.isNaN(fraction)) {
      return "-";
    }
    double p = fraction * 100;
    return trim(p, Math.abs(p) < 10 && p != Math.rint(p) ? 1 : 0) + "%";
  }

  private static String trim(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }
}
