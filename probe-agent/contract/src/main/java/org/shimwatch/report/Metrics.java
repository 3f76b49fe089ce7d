package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-call metrics of a run (consent level 2 and up).
 *
 * @param durationMs wall time the metrics cover, or {@code null}
 * @param processes how many client processes were merged into them, or {@code null}
 * @param calls metrics per wrapped call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metrics(Long durationMs, Integer processes, Calls calls) {

  /**
   * Metrics per wrapped call; a call the client never made is {@code null}.
   *
   * @param select select()
   * @param pselect pselect()
   * @param poll poll()
   * @param ppoll ppoll()
   * @param epollWait epoll_wait()
   * @param epollPwait epoll_pwait()
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Calls(
      CallMetrics select,
      CallMetrics pselect,
      CallMetrics poll,
      CallMetrics ppoll,
      @JsonProperty("epoll_wait") CallMetrics epollWait,
      @JsonProperty("epoll_pwait") CallMetrics epollPwait) {

    /** The calls made, by kind, in contract order. */
    @JsonIgnore
    public Map<CallKind, CallMetrics> byKind() {
      Map<CallKind, CallMetrics> m = new EnumMap<>(CallKind.class);
      put(m, CallKind.SELECT, select);
      put(m, CallKind.PSELECT, pselect);
      put(m, CallKind.POLL, poll);
      put(m, CallKind.PPOLL, ppoll);
      put(m, CallKind.EPOLL_WAIT, epollWait);
      put(m, CallKind.EPOLL_PWAIT, epollPwait);
      return m;
    }

    /** Calls from a map by kind; kinds absent from the map are {@code null}. */
    public static Calls of(Map<CallKind, CallMetrics> byKind) {
      return new Calls(
          byKind.get(CallKind.SELECT),
          byKind.get(CallKind.PSELECT),
          byKind.get(CallKind.POLL),
          byKind.get(CallKind.PPOLL),
          byKind.get(CallKind.EPOLL_WAIT),
          byKind.get(CallKind.EPOLL_PWAIT));
    }

    private static void put(Map<CallKind, CallMetrics> m, CallKind k, CallMetrics v) {
      if (v != null) {
        m.put(k, v);
      }
    }
  }
}
