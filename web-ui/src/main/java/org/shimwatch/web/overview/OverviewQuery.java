package org.shimwatch.web.overview;

import java.util.Optional;

/** The figures of the dashboard overview; the server implements it. */
public interface OverviewQuery {

  /** Days the reports-per-day chart covers, today included. */
  int DAYS = 30;

  /**
   * The overview of a project.
   *
   * @return empty when there is no such project
   */
  Optional<Overview> overview(String project);
}
