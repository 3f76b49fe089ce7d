package org.shimwatch.server.latency;

import java.util.Locale;
import org.shimwatch.report.CallKind;
import org.shimwatch.server.rollup.Filter;
import org.shimwatch.web.BadQueryException;

/**
 * A checked request to compare two shim versions or two stacks on one call kind, as the API and the
 * maintainer's latency page take it.
 *
 * @param kind the call kind's wire name
 * @param byShim whether the sides are shim versions (else stacks)
 * @param a the first side
 * @param b the second side
 * @param within the other dimension held to this value, or {@code null}
 */
public record ComparisonRequest(String kind, boolean byShim, String a, String b, String within) {

  /**
   * Reads the request's parameters.
   *
   * @throws BadQueryException naming the parameter that is missing or malformed
   */
  public static ComparisonRequest of(
      String callKind, String by, String a, String b, String within) {
    if (callKind == null || callKind.isBlank()) {
      throw new BadQueryException("missing-kind", "kind", "name the call kind to compare");
    }
    String kind = kind(callKind);
    String dimension = by == null || by.isBlank() ? "shim" : by.strip().toLowerCase(Locale.ROOT);
    if (!dimension.equals("shim") && !dimension.equals("stack")) {
      throw new BadQueryException("invalid-by", "by", "by is shim or stack");
    }
    String sideA = Filter.of("a", a);
    String sideB = Filter.of("b", b);
    if (sideA == null || sideB == null) {
      throw new BadQueryException(
          "missing-side", sideA == null ? "a" : "b", "name both sides to compare: a and b");
    }
    return new ComparisonRequest(
        kind, dimension.equals("shim"), sideA, sideB, Filter.of("within", within));
  }

  /** {@code shim} or {@code stack}. */
  public String dimension() {
    return byShim ? "shim" : "stack";
  }

  /** A call kind's wire name, checked. */
  public static String kind(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (CallKind.ofWireName(n) != null) {
      return n;
    }
    throw new BadQueryException(
        "invalid-kind",
        "kind",
        "kind is one of select, pselect, poll, ppoll, epoll_wait, epoll_pwait");
  }
}
