package org.shimwatch.server.rollup;

import java.util.Comparator;

/**
 * Orders versions: dot-separated parts from the left, numerically where both parts are digits, else
 * as strings; a version that is a prefix of another comes first ({@code 1.2} before {@code 1.2.1}).
 * So {@code 0.9.0 < 0.10.0} and {@code 2004-02 < 2004-05}. Versions that compare equal part by part
 * ({@code 1.02} and {@code 1.2}) fall back to plain string order, so the order is total.
 */
public final class Versions {

  /** The order described above; {@code null} sorts first. */
  public static final Comparator<String> ORDER = Comparator.nullsFirst(Versions::compareNonNull);

  private Versions() {}

  /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
  public static int compare(String a, String b) {
    return ORDER.compare(a, b);
  }

  /** Whether {@code version} is {@code reference} or later. */
  public static boolean atLeast(String version, String reference) {
    return version != null && reference != null && compare(version, reference) >= 0;
  }

  private static int compareNonNull(String a, String b) {
    String[] pa = a.split("\\.", -1);
    String[] pb = b.split("\\.", -1);
    int n = Math.min(pa.length, pb.length);
    for (int i = 0; i < n; i++) {
      int c = comparePart(pa[i], pb[i]);
      if (c != 0) {
        return c;
      }
    }
    if (pa.length != pb.length) {
      return Integer.compare(pa.length, pb.length);
    }
    return a.compareTo(b);
  }

  private static int comparePart(String x, String y) {
    if (isDigits(x) && isDigits(y)) {
      String nx = stripZeros(x);
      String ny = stripZeros(y);
      if (nx.length() != ny.length()) {
        return Integer.compare(nx.length(), ny.length());
      }
      return nx.compareTo(ny);
    }
    return x.compareTo(y);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }
}
