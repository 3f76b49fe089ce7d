package org.shimwatch.web;

import java.util.List;

/**
 * A posted report, or the request carrying it, that cannot be read or breaks the contract. Nothing
 * was stored; sending it again unchanged will not help.
 */
public final class ReportRefused extends Refusal {

  private static final long serialVersionUID = 1L;

  /**
   * One place in the document that breaks the contract.
   *
   * @param pointer JSON pointer to the offending value
   * @param reason stable code of the rule it breaks
   * @param message a sentence for people
   */
  public record Pointer(String pointer, String reason, String message) {}

  private final transient List<Pointer> pointers;

  public ReportRefused(String reason, String message) {
    this(reason, message, List.of());
  }

  public ReportRefused(String reason, String message, List<Pointer> pointers) {
    super(reason, message);
    this.pointers = List.copyOf(pointers);
  }

  /** Every offending place in the document; empty when the request itself was unreadable. */
  public List<Pointer> pointers() {
    return pointers;
  }
}
