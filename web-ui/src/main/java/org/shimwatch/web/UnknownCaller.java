package org.shimwatch.web;

/**
 * A request that does not say who sends it, or names a key nobody issued: no ingest key, an unknown
 * one, or no installation secret where one is the proof.
 */
public final class UnknownCaller extends Refusal {

  private static final long serialVersionUID = 1L;

  public UnknownCaller(String reason, String message) {
    super(reason, message);
  }
}
