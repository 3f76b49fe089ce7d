package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the shim recorded for one kind of call.
 *
 * @param count calls made
 * @param results calls by result class, or {@code null}
 * @param errors error results by errno name (e.g. EBADF), or {@code null}
 * @param latency wall time per call, or {@code null}
 * @param timeoutOvershoot elapsed minus requested timeout, for calls that timed out, or {@code
 *     null}
 * @param anomalies evidence of the select() problem, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallMetrics(
    long count,
    Results results,
    Map<String, Long> errors,
    Histogram latency,
    Histogram timeoutOvershoot,
    Anomalies anomalies) {

  public CallMetrics {
    errors = errors == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(errors));
  }

  /**
   * Calls by result class.
   *
   * @param ready returned ready descriptors
   * @param timeout timed out with none ready
   * @param interrupted interrupted by a signal (EINTR)
   * @param error failed with another errno
   */
  public record Results(long ready, long timeout, long interrupted, long error) {
    Results plus(Results o) {
      return o == null
          ? this
          : new Results(
              ready + o.ready, timeout + o.timeout, interrupted + o.interrupted, error + o.error);
    }
  }

  /**
   * Evidence of the select() problem.
   *
   * @param fdAboveSetsize select() calls with nfds above FD_SETSIZE
   * @param nonSocketFds calls that waited on a file, pipe or tty (sampled)
   * @param zeroTimeoutCalls calls with a zero timeout (busy polling)
   * @param maxNfds largest nfds (or number of descriptors) seen
   */
  public record Anomalies(
      long fdAboveSetsize, long nonSocketFds, long zeroTimeoutCalls, long maxNfds) {
    Anomalies plus(Anomalies o) {
      return o == null
          ? this
          : new Anomalies(
              fdAboveSetsize + o.fdAboveSetsize,
              nonSocketFds + o.nonSocketFds,
              zeroTimeoutCalls + o.zeroTimeoutCalls,
              Math.max(maxNfds, o.maxNfds));
    }
  }

  /**
   * The metrics of both, as if one process had made all the calls: counts add, histograms merge by
   * adding buckets, the largest nfds is the larger one.
   */
  public CallMetrics merge(CallMetrics o) {
    if (o == null) {
      return this;
    }
    Map<String, Long> mergedErrors = null;
    if (errors != null || o.errors != null) {
      TreeMap<String, Long> sum = new TreeMap<>();
      if (errors != null) {
        sum.putAll(errors);
      }
      if (o.errors != null) {
        o.errors.forEach((k, v) -> sum.merge(k, v, Long::sum));
      }
      mergedErrors = sum;
    }
    return new CallMetrics(
        count + o.count,
        results == null ? o.results : results.plus(o.results),
        mergedErrors,
        latency == null ? o.latency : latency.merge(o.latency),
        timeoutOvershoot == null ? o.timeoutOvershoot : timeoutOvershoot.merge(o.timeoutOvershoot),
        anomalies == null ? o.anomalies : anomalies.plus(o.anomalies));
  }
}
