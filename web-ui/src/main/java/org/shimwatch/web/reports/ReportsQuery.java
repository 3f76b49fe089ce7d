package org.shimwatch.web.reports;

import java.util.Optional;
import java.util.UUID;

/** The stored reports of a project, for maintainers. */
public interface ReportsQuery {

  /**
   * A page of the reports that match the filter, newest first.
   *
   * @param page from 0; a page past the end is empty, not an error
   * @param size reports per page, 1 to {@link Paging#MAX_SIZE}
   * @return empty when there is no such project
   */
  Optional<ReportPage> reports(String project, ReportFilter filter, int page, int size);

  /**
   * One report.
   *
   * @return empty when there is no such project or no such report in it
   */
  Optional<ReportDetail> report(String project, UUID reportId);

  /**
   * Platforms, stacks, clients and shim versions seen in the project.
   *
   * @return empty when there is no such project
   */
  Optional<ReportChoices> choices(String project);
}
