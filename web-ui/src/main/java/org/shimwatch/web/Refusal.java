package org.shimwatch.web;

/**
 * A request the server refuses, named for what happened: the closed set of refusals the services,
 * the storage and the pages throw. None of them knows about HTTP; the one problem handler in {@code
 * system} turns each into its status, as a problem document for the API or the problem page for a
 * page. They live here, beside the interfaces the server implements for the pages, because this is
 * the one module both the pages and the server see.
 */
public abstract sealed class Refusal extends RuntimeException
    permits BadQueryException,
        ChangeRefused,
        ForeignInstallation,
        KeyOfOtherProject,
        KeyRevoked,
        NotAllowed,
        NotFound,
        RateLimited,
        ReportRefused,
        StoreUnavailable,
        TooLarge,
        UnknownCaller,
        UnsupportedFormat {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param reason stable reason code, e.g. {@code project-not-found}
   * @param message a sentence for people
   */
  protected Refusal(String reason, String message) {
    // Refusals are answers, not failures: no stack trace is kept or shown.
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The stable reason code clients and metrics use. */
  public String reason() {
    return reason;
  }
}
