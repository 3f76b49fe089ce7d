package org.shimwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.shimwatch.report.Outcome;

/**
 * Asks a person at a terminal how the run went. Only used when a terminal is there and no {@code
 * --outcome} was given; elsewhere the outcome is {@code unknown}.
 */
final class OutcomePrompt {

  /**
   * The answer.
   *
   * @param outcome the outcome chosen
   * @param comment the comment, or {@code null}
   */
  record Answer(Outcome outcome, String comment) {}

  private OutcomePrompt() {}

  static Answer ask(PrintWriter err, String givenComment) {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    err.println();
    err.println("shimwatch: how did it go?");
    err.println("  1) it works");
    err.println("  2) select() problem (stalls, lost wake-ups)");
    err.println("  3) it crashed (traps)");
    err.println("  4) something else");
    err.print("choose 1-4, or Enter to skip: ");
    err.flush();
    Outcome outcome;
    try {
      String line = in.readLine();
      outcome =
          switch (line == null ? "" : line.strip()) {
            case "1" -> Outcome.WORKS;
            case "2" -> Outcome.SELECT_PROBLEM;
            case "3" -> Outcome.TRAPS;
            case "4" -> Outcome.OTHER;
            default -> Outcome.UNKNOWN;
          };
      String comment = givenComment;
      if (comment == null) {
        err.print("comment for the maintainer (optional, Enter to skip): ");
        err.flush();
        String c = in.readLine();
        comment = c == null || c.isBlank() ? null : c.strip();
      }
      return new Answer(outcome, comment);
    } catch (IOException e) {
      return new Answer(Outcome.UNKNOWN, givenComment);
    }
  }
}
