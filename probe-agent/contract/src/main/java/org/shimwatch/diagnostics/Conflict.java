package org.shimwatch.diagnostics;

import java.util.List;

/**
 * Artefacts that disagree about one fact, say two different TCP/IP levels pasted together. The fold
 * does not pick one silently: the user chooses ({@code shimwatch submit --choose
 * stack-level=UN02205}, or a choice on the server's form), and {@link
 * FoldedDiagnostics#environmentFor(org.shimwatch.report.Environment.Client, java.util.Map)} applies
 * it.
 *
 * @param field which fact: {@code stack-level}, {@code os-version} or {@code runtime-version}
 * @param title the fact in words, e.g. "TCP/IP service level"
 * @param choices the values the artefacts give, each with where it was read, in the order given
 */
public record Conflict(String field, String title, List<Choice> choices) {

  /** The TCP/IP stack's service level (its CSD level, e.g. UN02200). */
  public static final String STACK_LEVEL = "stack-level";

  /** The operating system's version. */
  public static final String OS_VERSION = "os-version";

  /** The Python runtime's version. */
  public static final String RUNTIME_VERSION = "runtime-version";

  public Conflict {
    choices = List.copyOf(choices);
  }

  /**
   * One value an artefact gives.
   *
   * @param value the value, e.g. {@code UN02205}
   * @param source where it was read, e.g. "syslevel output, part 2"
   */
  public record Choice(String value, String source) {}

  /** Whether a value is one of the choices. */
  public boolean allows(String value) {
    return value != null && choices.stream().anyMatch(c -> c.value().equals(value));
  }

  /** One line for people: "TCP/IP service level: UN02200 (syslevel output) or UN02205 (...)". */
  public String describe() {
    StringBuilder s = new StringBuilder(title).append(": ");
    for (int i = 0; i < choices.size(); i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append(choices.get(i).value()).append(" (").append(choices.get(i).source()).append(')');
    }
    return s.toString();
  }
}
