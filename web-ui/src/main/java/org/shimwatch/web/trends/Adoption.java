package org.shimwatch.web.trends;

import java.time.LocalDate;
import java.util.List;

/**
 * How a project is taken up, week by week (weeks start on Monday, UTC).
 *
 * @param weeks every week of the window, oldest first, zeros included
 * @param shimWeeks each shim version's weeks with reports in the window, oldest first
 * @param cohorts installations by the week of their first report, newest first, with how many still
 *     reported in each later week
 */
public record Adoption(List<Week> weeks, List<ShimWeek> shimWeeks, List<Cohort> cohorts) {

  public Adoption {
    weeks = List.copyOf(weeks);
    shimWeeks = List.copyOf(shimWeeks);
    cohorts = List.copyOf(cohorts);
  }

  /**
   * One week of the project.
   *
   * @param week its Monday
   * @param reports reports made that week
   * @param successes those that worked, through an active shim (an unknown outcome with healthy
   *     telemetry included, as the matrix counts it)
   * @param failures those that failed through an active shim
   * @param installations installations that reported that week
   * @param newInstallations installations whose first report was that week
   */
  public record Week(
      LocalDate week,
      long reports,
      long successes,
      long failures,
      long installations,
      long newInstallations) {

    /** Successes over successes and failures, {@code null} when there is neither. */
    public Double successRate() {
      long judged = successes + failures;
      return judged == 0 ? null : successes / (double) judged;
    }
  }

  /**
   * One week of one shim version.
   *
   * @param shimVersion the version, {@code ""} when reports did not say
   */
  public record ShimWeek(
      LocalDate week,
      String shimVersion,
      long reports,
      long successes,
      long failures,
      long installations,
      long newInstallations) {

    /** Successes over successes and failures, {@code null} when there is neither. */
    public Double successRate() {
      long judged = successes + failures;
      return judged == 0 ? null : successes / (double) judged;
    }
  }

  /**
   * The installations that first reported in one week.
   *
   * @param week the Monday of their first week
   * @param installations how many
   * @param stillReporting element {@code n}: how many of them reported {@code n} weeks later
   *     ({@code n = 0} is all of them), up to this week
   */
  public record Cohort(LocalDate week, long installations, List<Long> stillReporting) {

    public Cohort {
      stillReporting = List.copyOf(stillReporting);
    }

    /** The share still reporting {@code n} weeks later, {@code null} when that week is to come. */
    public Double retained(int n) {
      if (n >= stillReporting.size() || installations == 0) {
        return null;
      }
      return stillReporting.get(n) / (double) installations;
    }
  }
}
