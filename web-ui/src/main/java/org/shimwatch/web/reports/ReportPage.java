package org.shimwatch.web.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One page of the report list, newest first.
 *
 * @param page page number from 0
 * @param size page size
 * @param total reports matching the filter, on all pages
 * @param reports this page's reports; empty past the last page
 */
public record ReportPage(int page, int size, long total, List<ReportSummary> reports) {

  public ReportPage {
    reports = List.copyOf(reports);
  }

  /** Pages needed for every matching report; at least 1. */
  @JsonIgnore
  public long pageCount() {
    return Math.max(1, (total + size - 1) / size);
  }

  @JsonIgnore
  public boolean hasPrevious() {
    return page > 0;
  }

  @JsonIgnore
  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  /** Whether the page asked for lies beyond the last one. */
  @JsonIgnore
  public boolean beyondEnd() {
    return page > 0 && (long) page * size >= total;
  }
}
