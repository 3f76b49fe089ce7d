package org.shimwatch.web;

/**
 * Storage could not take the report now (overloaded, too slow, stopping). Nothing was stored; the
 * same report may be sent again, its report id keeps it single.
 */
public final class StoreUnavailable extends Refusal {

  private static final long serialVersionUID = 1L;

  public StoreUnavailable(String reason, String message) {
    super(reason, message);
  }
}
