package org.shimwatch.server.rollup;

import java.util.List;

/**
 * One kind of rollup (matrix, trap groups, latency): totals derived from reports and kept in its
 * own tables. Every method runs inside the caller's transaction, under the {@link RollupLock} of
 * the project.
 */
public interface Rollup {

  /**
   * Adds ({@code sign = 1}) or subtracts ({@code sign = -1}) what these reports contribute, with
   * one statement per touched rollup row, not per report. A subtraction removes whole
   * installations: every report an installation sent to the project.
   */
  void apply(long projectId, List<RolledReport> reports, int sign);

  /** Starts recomputing this rollup for a project from all its reports. */
  Rebuild rebuild(long projectId);

  /** A recomputation: reports are added one by one, then the totals replace the stored ones. */
  interface Rebuild {

    void add(RolledReport report);

    /** Replaces the project's rows of this rollup with the totals of the reports added. */
    void replace();
  }
}
