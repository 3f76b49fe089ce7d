package org.shimwatch.web;

/**
 * An installation id registered with another installation secret: someone else's reports, which
 * this sender may neither add to nor delete.
 */
public final class ForeignInstallation extends Refusal {

  private static final long serialVersionUID = 1L;

  public ForeignInstallation(String reason, String message) {
    super(reason, message);
  }
}
