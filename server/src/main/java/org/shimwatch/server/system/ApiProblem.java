package org.shimwatch.server.system;

import java.util.List;
import org.shimwatch.report.Violation;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the status, a stable reason code and a sentence for people; the
 * problem handler turns it into {@code application/problem+json}.
 */
public class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String reason;
  private final transient List<Violation> violations;
  private final Long retryAfterSeconds;

  public ApiProblem(HttpStatus status, String reason, String detail) {
    this(status, reason, detail, List.of(), null);
  }

  public ApiProblem(
      HttpStatus status,
      String reason,
      String detail,
      List<Violation> violations,
      Long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.reason = reason;
    this.violations = List.copyOf(violations);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public HttpStatus status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public List<Violation> violations() {
    return violations;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
