package org.shimwatch.report;

import java.util.List;
import java.util.stream.Collectors;

/** A document that is not a valid contract v1 report, with every reason found. */
public final class InvalidReportException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public InvalidReportException(List<Violation> violations) {
    super(
        "invalid report: "
            + violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Every reason found, at least one. */
  public List<Violation> violations() {
    return violations;
  }
}
