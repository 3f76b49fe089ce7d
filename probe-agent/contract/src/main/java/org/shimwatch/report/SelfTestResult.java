package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one stack self-test.
 *
 * @param id stable check id, e.g. {@code select-readiness}
 * @param result pass, fail, known-limitation or skipped
 * @param summary one line on what was seen
 * @param durationMs how long the check ran
 * @param values measured figures by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelfTestResult(
    String id, Result result, String summary, Long durationMs, Map<String, Double> values) {

  public SelfTestResult {
    values = values == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** How a check ended. */
  public enum Result {
    @JsonProperty("pass")
    PASS,
    @JsonProperty("fail")
    FAIL,
    /** The stack behaves as a documented limit of the shim says it may. */
    @JsonProperty("known-limitation")
    KNOWN_LIMITATION,
    @JsonProperty("skipped")
    SKIPPED
  }
}
