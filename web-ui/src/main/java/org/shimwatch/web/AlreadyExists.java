package org.shimwatch.web;

/** A change refused because what it would create exists already: a project name, a key. */
public final class AlreadyExists extends ChangeRefused {

  private static final long serialVersionUID = 1L;

  public AlreadyExists(String reason, String message) {
    super(reason, message);
  }
}
