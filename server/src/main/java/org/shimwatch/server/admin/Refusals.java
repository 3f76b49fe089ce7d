package org.shimwatch.server.admin;

import java.util.Locale;
import org.shimwatch.server.system.ApiProblem;
import org.shimwatch.web.admin.ChangeRefused;

/** The services' refusals, worded for the pages. */
final class Refusals {

  private Refusals() {}

  /** The refusal as a page shows it: a sentence, keeping the service's reason code. */
  static ChangeRefused of(ApiProblem problem) {
    return new ChangeRefused(problem.reason(), sentence(problem.getMessage()));
  }

  static String sentence(String s) {
    if (s == null || s.isBlank()) {
      return "That cannot be done.";
    }
    String t = s.strip();
    t = t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
    return t.endsWith(".") ? t : t + ".";
  }
}
