package org.shimwatch.report;

/**
 * One reason a document is not a valid report.
 *
 * @param pointer JSON pointer (RFC 6901) to the offending value; {@code ""} is the whole document
 * @param reason a stable reason code, e.g. {@code required}, {@code type}, {@code malformed-json}
 * @param message a sentence a person understands, naming the pointer
 */
public record Violation(String pointer, String reason, String message) {

  @Override
  public String toString() {
    return message;
  }
}
