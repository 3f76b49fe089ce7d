package org.shimwatch.web.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to "will it work on my setup?". Nothing of the question is stored; every figure comes
 * from cells with reports from at least {@code minInstallations} installations.
 *
 * @param project the project's slug
 * @param minInstallations the threshold below which figures are not shown
 * @param readable whether a setup could be read from what was given; when not, {@code unread} says
 *     why, and the rest of the answer is empty
 * @param understood what was read from the paste, in plain lines
 * @param unread parts of the paste that could not be read, each with its lines and why
 * @param setup the setup as the matrix groups it, or {@code null} when none could be read
 * @param row the setup's matrix row and its tier, or {@code null} when no report has that row
 * @param nearest the nearest rows with data, nearest first (distance on the rules page)
 * @param yourFixes each of the setup's fixes and how success goes with it
 * @param bestMissingFix the fix the setup lacks that goes with success most, or {@code null}
 * @param prerequisites the origin readme's prerequisites, each met, not met or not known
 * @param install what the shim's install layout means, or {@code null} when nothing tells
 * @param advice advice for this setup; empty until advice entries exist for it
 * @param stored always {@code false}: a check stores nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckAnswer(
    String project,
    int minInstallations,
    boolean readable,
    List<String> understood,
    List<String> unread,
    Setup setup,
    RowAnswer row,
    List<RowAnswer> nearest,
    List<FixEvidence> yourFixes,
    FixEvidence bestMissingFix,
    List<Prerequisite> prerequisites,
    Install install,
    List<CheckAdvice> advice,
    boolean stored) {

  public CheckAnswer {
    understood = List.copyOf(understood);
    unread = List.copyOf(unread);
    nearest = List.copyOf(nearest);
    yourFixes = List.copyOf(yourFixes);
    prerequisites = List.copyOf(prerequisites);
    advice = List.copyOf(advice);
  }

  /**
   * The setup as the matrix groups it.
   *
   * @param osFamily e.g. {@code os2}
   * @param platform e.g. {@code eComStation 1.1}
   * @param stack e.g. {@code os2-tcpip 4.3}
   * @param fixLevel e.g. {@code UN02200 + NEWSTACK}; empty where rows have none
   * @param fixes every fix given, as {@code kind:id[=version]}
   * @param client the client and version given, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Setup(
      String osFamily,
      String platform,
      String stack,
      String fixLevel,
      List<String> fixes,
      String client) {

    public Setup {
      fixes = List.copyOf(fixes);
    }
  }

  /**
   * A matrix row as the check shows it: all its cells added up.
   *
   * @param key the row's key, as in the matrix
   * @param platform e.g. {@code eComStation 1.1}
   * @param stack e.g. {@code os2-tcpip 4.3}
   * @param fixLevel e.g. {@code UN02200 + NEWSTACK}
   * @param tier the verdict; {@code not enough data} under the threshold
   * @param reports reports, or {@code null} under the threshold
   * @param installations distinct installations, or {@code null} under the threshold
   * @param successes reports counted as a success, or {@code null} under the threshold
   * @param judged reports counted as a success or a failure, or {@code null} under the threshold
   * @param successLowerBound Wilson lower bound (95%), or {@code null} under the threshold
   * @param successUpperBound Wilson upper bound (95%), or {@code null} under the threshold
   * @param trapReportShare share of reports with a trap, or {@code null} under the threshold
   * @param distance how far the row is from the setup, in words ({@code null} for the setup's own)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RowAnswer(
      String key,
      String platform,
      String stack,
      String fixLevel,
      String tier,
      Long reports,
      Long installations,
      Long successes,
      Long judged,
      Double successLowerBound,
      Double successUpperBound,
      Double trapReportShare,
      String distance) {

    public boolean countsShown() {
      return reports != null;
    }
  }

  /**
   * How success goes with one fix, among reports of the same OS family and stack version.
   *
   * @param fix the fix, as {@code kind:id}
   * @param shown whether both sides reach the threshold; when not, the figures are {@code null}
   * @param with reports with the fix
   * @param without reports without it
   * @param goesWithSuccess whether reports with the fix succeed more often than those without
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FixEvidence(
      String fix, boolean shown, Rate with, Rate without, Boolean goesWithSuccess) {}

  /**
   * A success rate with its 95% Wilson interval.
   *
   * @param successes reports counted as a success
   * @param judged reports counted as a success or a failure
   * @param lower lower bound
   * @param upper upper bound
   */
  public record Rate(long successes, long judged, double lower, double upper) {}

  /**
   * One prerequisite the shim's readme names.
   *
   * @param name e.g. {@code TCPIP32.DLL}
   * @param status {@code met}, {@code not-met} or {@code unknown}
   * @param detail why, in plain words
   */
  public record Prerequisite(String name, String status, String detail) {}

  /**
   * What the install layout means.
   *
   * @param mode the contract's install mode, e.g. {@code side-dir-before-lib-dynload}
   * @param strategy {@code 1} or {@code 2} (the readme's strategies), {@code inactive} (the shim
   *     would not load), {@code preload} (Linux), {@code none} or {@code unknown}
   * @param meaning the layout in plain words
   * @param notes what the readers concluded about it
   */
  public record Install(String mode, String strategy, String meaning, List<String> notes) {

    public Install {
      notes = List.copyOf(notes);
    }
  }
}
