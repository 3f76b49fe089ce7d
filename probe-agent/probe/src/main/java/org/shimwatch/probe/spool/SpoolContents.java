package org.shimwatch.probe.spool;

import java.nio.file.Path;
import java.util.List;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Trap;

/**
 * What a spool directory held: the shim snapshots of every process merged into one set of metrics,
 * and the traps.
 *
 * @param metrics the merged metrics, or {@code null} when no snapshot was usable
 * @param shimVersion the shim's version as its files say, or {@code null}
 * @param traps the traps, oldest first (without details unless they were asked for)
 * @param warnings one sentence per file that was skipped, and why
 * @param files the files that were used, to be removed once the report is queued
 */
public record SpoolContents(
    Metrics metrics,
    String shimVersion,
    List<Trap> traps,
    List<String> warnings,
    List<Path> files) {

  public SpoolContents {
    traps = List.copyOf(traps);
    warnings = List.copyOf(warnings);
    files = List.copyOf(files);
  }

  /** Nothing: an empty or missing spool. */
  public static SpoolContents empty() {
    return new SpoolContents(null, null, List.of(), List.of(), List.of());
  }
}
