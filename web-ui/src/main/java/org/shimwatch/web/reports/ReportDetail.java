package org.shimwatch.web.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.web.chart.Format;
import org.shimwatch.web.chart.LatencyBin;

/**
 * Everything stored about one report. The normalized columns are always there; parts only the
 * stored document carries (stack components, self-tests, registers, recent calls, result classes)
 * are empty once retention has pruned it, which {@link #documentKept} says.
 *
 * @param summary what the list shows
 * @param createdAt when the client assembled it
 * @param source what assembled it (cli, javaagent, manual...), or {@code null}
 * @param osFamily linux, os2, ...
 * @param osRevision kernel release or OS/2 revision
 * @param stackLevel the raw service level the stack version was read from
 * @param components parts of the stack found (document only)
 * @param fixes fixes as {@code kind:id[=version]}
 * @param runtime runtime name and version, or {@code null}
 * @param installMode how the shim was put in place
 * @param selfTests stack self-test results (document only)
 * @param selfTestFailures failed self-tests, from the stored columns
 * @param calls metrics per wrapped call
 * @param traps traps with their frames
 * @param comment the user's comment, or {@code null}
 * @param commentStatus {@code none}, {@code pending}, {@code approved} or {@code rejected}
 * @param demo whether it is generated demo data
 * @param documentKept whether the stored document is still there
 * @param rawPrunedAt when retention pruned the document, or {@code null}
 * @param document the stored document as it was kept, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportDetail(
    ReportSummary summary,
    Instant createdAt,
    String source,
    String osFamily,
    String osRevision,
    String stackLevel,
    List<Component> components,
    List<String> fixes,
    String runtime,
    String installMode,
    List<SelfTest> selfTests,
    int selfTestFailures,
    List<Call> calls,
    List<TrapView> traps,
    String comment,
    String commentStatus,
    boolean demo,
    boolean documentKept,
    Instant rawPrunedAt,
    @JsonIgnore String document) {

  public ReportDetail {
    components = List.copyOf(components);
    fixes = List.copyOf(fixes);
    selfTests = List.copyOf(selfTests);
    calls = List.copyOf(calls);
    traps = List.copyOf(traps);
  }

  /** A part of the stack. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Component(String name, String version, Boolean present) {}

  /** One self-test's result; {@code values} as {@code name=value} pairs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SelfTest(
      String id, String result, String summary, Long durationMs, List<String> values) {
    public SelfTest {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  /**
   * One wrapped call's metrics.
   *
   * @param kind select, poll, ...
   * @param count calls made
   * @param results calls by result class (ready, timeout, interrupted, error); empty when unknown
   * @param errors failed calls by errno name
   * @param latency latency buckets
   * @param latencyFigures count and percentiles of the latency
   * @param overshoot timeout-overshoot buckets
   * @param overshootFigures count and percentiles of the overshoot
   * @param anomalies select() anomaly counters by name; only fdAboveSetsize once the document is
   *     pruned
   */
  public record Call(
      String kind,
      long count,
      Map<String, Long> results,
      Map<String, Long> errors,
      List<LatencyBin> latency,
      Percentiles latencyFigures,
      List<LatencyBin> overshoot,
      Percentiles overshootFigures,
      Map<String, Long> anomalies) {
    public Call {
      results = ordered(results);
      errors = ordered(errors);
      latency = List.copyOf(latency);
      overshoot = List.copyOf(overshoot);
      anomalies = ordered(anomalies);
    }
  }

  /** A copy that keeps the order it was given in. */
  static <K, V> Map<K, V> ordered(Map<K, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /**
   * Count and percentiles of a histogram, in nanoseconds (bucket midpoints).
   *
   * @param count values recorded
   */
  public record Percentiles(long count, long p50Ns, long p95Ns, long p99Ns, long maxNs) {

    /** The figures as a page shows them: p50, p95, p99 and max in readable units. */
    @JsonIgnore
    public List<String> shown() {
      return List.of(
          Format.nanos(p50Ns), Format.nanos(p95Ns), Format.nanos(p99Ns), Format.nanos(maxNs));
    }
  }

  /**
   * A trap.
   *
   * @param index its place in the report
   * @param source where it was read from
   * @param fault signal, trap number or exception code
   * @param errorCode popup or message id, e.g. SYS3175
   * @param module the faulting module
   * @param location object:offset or offset
   * @param time when it happened, or {@code null}
   * @param process faulting process name, or {@code null}
   * @param groupId the trap group it belongs to, or {@code null}
   * @param frames call stack, innermost first
   * @param recentCalls last wrapped calls before it (document only)
   * @param registers register values (document only)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrapView(
      int index,
      String source,
      String fault,
      String errorCode,
      String module,
      String location,
      Instant time,
      String process,
      Long groupId,
      List<Frame> frames,
      List<RecentCall> recentCalls,
      Map<String, String> registers) {
    public TrapView {
      frames = List.copyOf(frames);
      recentCalls = List.copyOf(recentCalls);
      registers = ordered(registers);
    }
  }

  /** A call-stack frame. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Frame(String module, String object, String offset, String symbol) {}

  /** A wrapped call made shortly before a trap. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecentCall(
      String call, Long nfds, Long timeoutNs, Long result, String errno, Long latencyNs) {

    /** The requested timeout as a page shows it: none, or a time. */
    @JsonIgnore
    public String timeoutShown() {
      return timeoutNs == null ? "" : timeoutNs < 0 ? "none" : Format.nanos(timeoutNs);
    }

    /** How long it took, as a page shows it. */
    @JsonIgnore
    public String latencyShown() {
      return latencyNs == null ? "" : Format.nanos(latencyNs);
    }
  }
}
