package org.shimwatch.server.rollup;

import org.shimwatch.web.BadQueryException;

/** Query filters of the analytics endpoints: trimmed, bounded, and matched without case. */
public final class Filter {

  /** Longer than any name or version the contract accepts (128), short of abuse. */
  static final int MAX_LENGTH = 256;

  private Filter() {}

  /**
   * A filter as given, trimmed; {@code null} when absent or blank.
   *
   * @throws BadQueryException when it is too long or holds control characters
   */
  public static String of(String parameter, String value) {
    return BadQueryException.text(parameter, value, MAX_LENGTH);
  }

  /** Whether a filter lets a value through: no filter, or equal ignoring case to any candidate. */
  public static boolean matches(String filter, String... candidates) {
    if (filter == null) {
      return true;
    }
    for (String c : candidates) {
      if (c != null && c.equalsIgnoreCase(filter)) {
        return true;
      }
    }
    return false;
  }
}
