package org.shimwatch.cli;

import org.shimwatch.report.Outcome;
import picocli.CommandLine.Option;

/** What the user says about a run: outcome, comment and client. */
final class ReportOptions {

  @Option(
      names = "--outcome",
      paramLabel = "OUTCOME",
      description =
          "works, select-problem, traps, other or unknown. Without it, a terminal asks; elsewhere"
              + " the outcome is 'unknown'.")
  String outcome;

  @Option(
      names = "--comment",
      paramLabel = "TEXT",
      description = "a comment for the maintainer (scrubbed of paths, names and addresses)")
  String comment;

  @Option(names = "--client-name", paramLabel = "NAME", description = "the client's name")
  String clientName;

  @Option(names = "--client-version", paramLabel = "VERSION", description = "the client's version")
  String clientVersion;

  /** The outcome given, or {@code null}; a bad one is a usage error. */
  Outcome outcome() {
    if (outcome == null) {
      return null;
    }
    try {
      return Outcome.fromWireName(outcome.strip());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "--outcome: " + e.getMessage());
    }
  }
}
