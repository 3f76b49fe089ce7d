package org.shimwatch.web.latency;

import java.util.List;
import java.util.Optional;

/** Latency rollups of a project. */
public interface LatencyQuery {

  /**
   * Latency per stack version, shim version and call kind.
   *
   * @param callKind only this call kind ({@code select}, {@code poll}, ...), or {@code null}
   * @param stack only stacks matching this name, version or "name version", or {@code null}
   * @param shim only this shim version, or {@code null}
   * @return empty when there is no such project
   * @throws org.shimwatch.web.BadQueryException when a parameter is malformed
   */
  Optional<List<LatencyView>> latency(String project, String callKind, String stack, String shim);

  /**
   * Compares two shim versions ({@code by = "shim"}) or two stacks ({@code by = "stack"}) on one
   * call kind.
   *
   * @param within hold the other dimension to this stack or shim version, or {@code null} to merge
   *     over all of it
   * @return empty when there is no such project
   * @throws org.shimwatch.web.BadQueryException when a parameter is malformed
   */
  Optional<LatencyComparison> compare(
      String project, String callKind, String by, String a, String b, String within);
}
