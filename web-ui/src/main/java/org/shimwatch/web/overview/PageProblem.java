package org.shimwatch.web.overview;

/** A maintainer page that cannot be shown, with the status to answer and a sentence for people. */
public class PageProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public PageProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** No project of this name. */
  public static PageProblem noProject() {
    return new PageProblem(404, "There is no such project.");
  }
}
