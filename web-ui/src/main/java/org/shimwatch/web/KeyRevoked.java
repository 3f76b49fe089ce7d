package org.shimwatch.web;

/** An ingest key a maintainer revoked: known, but it opens nothing any more. */
public final class KeyRevoked extends Refusal {

  private static final long serialVersionUID = 1L;

  public KeyRevoked(String reason, String message) {
    super(reason, message);
  }
}
