package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the user says happened in the run a report covers. */
public enum Outcome {
  /** The client worked with the shim. */
  @JsonProperty("works")
  WORKS("works"),
  /** The client hit the select() problem: stalls, lost wake-ups, wrong readiness. */
  @JsonProperty("select-problem")
  SELECT_PROBLEM("select-problem"),
  /** The client or the stack trapped (crashed). */
  @JsonProperty("traps")
  TRAPS("traps"),
  /** Something else went wrong; the comment says what. */
  @JsonProperty("other")
  OTHER("other"),
  /** Not said (an unattended run). */
  @JsonProperty("unknown")
  UNKNOWN("unknown");

  private final String wireName;

  Outcome(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the contract and on the command line. */
  public String wireName() {
    return wireName;
  }

  /**
   * The outcome with this contract name.
   *
   * @throws IllegalArgumentException naming the accepted values when there is none
   */
  public static Outcome fromWireName(String name) {
    for (Outcome o : values()) {
      if (o.wireName.equals(name)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown outcome '" + name + "': expected works, select-problem, traps, other or unknown");
  }
}
