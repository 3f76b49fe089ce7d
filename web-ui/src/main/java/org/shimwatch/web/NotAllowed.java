package org.shimwatch.web;

/**
 * A signed-in account asked for something its role may not do: a viewer changing anything, a
 * maintainer managing accounts. Nothing was changed.
 */
public final class NotAllowed extends Refusal {

  private static final long serialVersionUID = 1L;

  public NotAllowed(String reason, String message) {
    super(reason, message);
  }
}
