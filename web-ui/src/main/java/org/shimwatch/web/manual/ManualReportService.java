package org.shimwatch.web.manual;

import java.util.List;

/** Turns the manual form into a report: the server implements it with the artefact parsers. */
public interface ManualReportService {

  /**
   * What the server understood from the form, and the exact report it would store.
   *
   * @param understood lines saying what was read from the pasted text
   * @param findings plain-language conclusions (e.g. a missing prerequisite)
   * @param unread parts of the pasted text that could not be read, and why
   * @param reportJson the report, as it would be stored
   * @param sendable whether it can be sent as it is
   * @param whyNotSendable why not, when it cannot
   * @param conflicts facts the pasted artefacts disagree about, for the person to choose
   * @param asksPythonVersion whether nothing pasted says which Python runs the client
   * @param asksShimVersion whether nothing pasted or typed says the shim's version
   */
  record Preview(
      List<String> understood,
      List<String> findings,
      List<String> unread,
      String reportJson,
      boolean sendable,
      String whyNotSendable,
      List<Choice> conflicts,
      boolean asksPythonVersion,
      boolean asksShimVersion) {

    public Preview {
      conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    /** A preview of artefacts that agree and say every version. */
    public Preview(
        List<String> understood,
        List<String> findings,
        List<String> unread,
        String reportJson,
        boolean sendable,
        String whyNotSendable) {
      this(
          understood,
          findings,
          unread,
          reportJson,
          sendable,
          whyNotSendable,
          List.of(),
          false,
          false);
    }
  }

  /**
   * One fact the pasted artefacts disagree about, as the form offers it.
   *
   * @param formField the form's field that carries the choice, e.g. {@code chooseStackLevel}
   * @param title the fact in words, e.g. "TCP/IP service level"
   * @param options the values and where each was read
   * @param chosen the value chosen so far, or {@code null}
   */
  record Choice(String formField, String title, List<Option> options, String chosen) {

    public Choice {
      options = List.copyOf(options);
    }
  }

  /**
   * A value a pasted artefact gives.
   *
   * @param value the value
   * @param source where it was read
   */
  record Option(String value, String source) {}

  /**
   * A stored manual report, and what its sender needs to delete it later.
   *
   * @param reportId the report
   * @param installationId the installation made for this sender
   * @param secret the installation secret, shown once
   * @param deletionUrl where a deletion request goes
   * @param commentPending whether a comment waits for approval
   */
  record Sent(
      String reportId,
      String installationId,
      String secret,
      String deletionUrl,
      boolean commentPending) {}

  /** A form the service will not take; the message is for the person filling it in. */
  class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads the form.
   *
   * @throws Refused when the form cannot be read at all (too large, sent by a robot)
   */
  Preview preview(ManualReportForm form);

  /**
   * Stores the report the form describes.
   *
   * @param sender an opaque value identifying the sender for rate limiting only, never stored
   * @throws Refused when the form is not sendable, or the sender sends too often
   */
  Sent submit(ManualReportForm form, String sender);
}
