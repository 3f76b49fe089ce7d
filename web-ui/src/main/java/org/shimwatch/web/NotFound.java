package org.shimwatch.web;

/** Something asked for by name that does not exist: a project, a key, a report, a page. */
public final class NotFound extends Refusal {

  private static final long serialVersionUID = 1L;

  public NotFound(String reason, String message) {
    super(reason, message);
  }
}
