package org.shimwatch.web.reports;

import org.shimwatch.web.BadQueryException;

/** Page numbers and sizes from query parameters. */
public final class Paging {

  /** The page size of the report list. */
  public static final int PAGE_SIZE = 50;

  /** Largest page the JSON list serves at once. */
  public static final int MAX_SIZE = 200;

  /** Highest page number accepted; far beyond any real list, short of overflow. */
  static final int MAX_PAGE = 10_000_000;

  private Paging() {}

  /**
   * A page number, 0 when absent.
   *
   * @throws BadQueryException when it is not a whole number from 0
   */
  public static int page(String value) {
    return number("page", value, 0, 0, MAX_PAGE);
  }

  /**
   * A page size, {@link #PAGE_SIZE} when absent.
   *
   * @throws BadQueryException when it is not a whole number from 1 to {@link #MAX_SIZE}
   */
  public static int size(String value) {
    return number("size", value, PAGE_SIZE, 1, MAX_SIZE);
  }

  private static int number(String parameter, String value, int absent, int min, int max) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadQueryException(
        "invalid-" + parameter,
        parameter,
        parameter + " is a whole number from " + min + " to " + max);
  }
}
