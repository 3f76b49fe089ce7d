package org.shimwatch.web.trends;

import java.util.List;
import java.util.Optional;

/**
 * A project's trends, read from rollups kept at ingest (never from the reports): the cost follows
 * the number of weeks, months and shim versions shown. The server implements it.
 */
public interface TrendQuery {

  /** Weeks the maintainer overview covers, this week included. */
  int WEEKS = 26;

  /** Months the public project page covers, this month included. */
  int MONTHS = 12;

  /**
   * Adoption over the last {@link #WEEKS} weeks.
   *
   * @return empty when there is no such project
   */
  Optional<Adoption> adoption(String project);

  /**
   * Reports and installations per month over the last {@link #MONTHS} months, oldest first, every
   * month present.
   *
   * @return empty when there is no such project
   */
  Optional<List<MonthActivity>> months(String project);
}
