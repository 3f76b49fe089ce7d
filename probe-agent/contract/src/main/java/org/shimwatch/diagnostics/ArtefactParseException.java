package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An artefact that could not be read: empty, too large, binary where text was expected, not
 * recognized, malformed or cut short. Every parser in this package and its sub-packages reports bad
 * input this way and only this way, so a caller handles one checked exception and never an
 * unchecked one.
 *
 * <p>It says where the problem is when it can: a 1-based line for text, a 0-based byte offset for
 * binary input.
 */
public final class ArtefactParseException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the input could not be read; each has a stable name for JSON and for tests. */
  public enum Reason {
    /** Nothing but white space. */
    @JsonProperty("empty")
    EMPTY,
    /** Larger than the parser accepts (see {@link TextBlock#MAX_BYTES}). */
    @JsonProperty("too-large")
    TOO_LARGE,
    /** Bytes that are not text where text was expected. */
    @JsonProperty("binary")
    BINARY,
    /** Text or bytes that are not the artefact the parser reads. */
    @JsonProperty("not-recognized")
    NOT_RECOGNIZED,
    /** The artefact, but with a field that breaks its format. */
    @JsonProperty("malformed")
    MALFORMED,
    /** The artefact, but cut short before a part the parser needs. */
    @JsonProperty("truncated")
    TRUNCATED,
    /** The artefact in a format version this parser does not know. */
    @JsonProperty("unsupported-version")
    UNSUPPORTED_VERSION,
    /**
     * A fault in a parser itself, caught at a public entry point as a last line of defence; tests
     * make sure no input produces it.
     */
    @JsonProperty("internal")
    INTERNAL
  }

  private final Reason reason;
  private final int line;
  private final long offset;
  private final String detail;

  private ArtefactParseException(Reason reason, int line, long offset, String detail) {
    super(detail + where(line, offset));
    this.reason = reason;
    this.line = line;
    this.offset = offset;
    this.detail = detail;
  }

  /**
   * A problem at a line of text.
   *
   * @param line 1-based line number in the input the caller gave
   */
  public static ArtefactParseException atLine(Reason reason, int line, String detail) {
    return new ArtefactParseException(reason, Math.max(1, line), -1, detail);
  }

  /**
   * A problem at a byte of binary input (or of text before it was decoded).
   *
   * @param offset 0-based byte offset
   */
  public static ArtefactParseException atOffset(Reason reason, long offset, String detail) {
    return new ArtefactParseException(reason, 0, Math.max(0, offset), detail);
  }

  /** A problem with the input as a whole (e.g. its size). */
  public static ArtefactParseException whole(Reason reason, String detail) {
    return new ArtefactParseException(reason, 0, -1, detail);
  }

  /** Why the input could not be read. */
  public Reason reason() {
    return reason;
  }

  /** The 1-based line the problem is at, for text input, when known. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /** The 0-based byte offset the problem is at, for binary input, when known. */
  public OptionalLong offset() {
    return offset >= 0 ? OptionalLong.of(offset) : OptionalLong.empty();
  }

  /** The problem in words, without the position. */
  public String detail() {
    return detail;
  }

  /** This problem as a value that serializes to JSON. */
  public ParseProblem toProblem() {
    return new ParseProblem(
        reason, line > 0 ? line : null, offset >= 0 ? offset : null, getMessage());
  }

  private static String where(int line, long offset) {
    if (line > 0) {
      return " (line " + line + ")";
    }
    if (offset >= 0) {
      return " (offset " + offset + ", 0x" + Long.toHexString(offset) + ")";
    }
    return "";
  }
}
