package org.shimwatch.web.admin;

/** A maintainer page about something that does not exist: answered with 404 and the message. */
class NotFound extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NotFound(String message) {
    super(message, null, false, false);
  }
}
