package org.shimwatch.web;

/** A valid ingest key sent to a project it does not belong to. */
public final class KeyOfOtherProject extends Refusal {

  private static final long serialVersionUID = 1L;

  public KeyOfOtherProject(String reason, String message) {
    super(reason, message);
  }
}
