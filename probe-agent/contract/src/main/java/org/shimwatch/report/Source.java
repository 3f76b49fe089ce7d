package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What assembled a report. */
public enum Source {
  /** The {@code shimwatch} command line. */
  @JsonProperty("cli")
  CLI,
  /** The probe library embedded in a client. */
  @JsonProperty("library")
  LIBRARY,
  /** The probe attached to a JVM client with {@code -javaagent}. */
  @JsonProperty("javaagent")
  JAVAAGENT,
  /** The server's manual report form, from pasted text. */
  @JsonProperty("manual")
  MANUAL
}
