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
  /**
   * The Python probe, {@code shimwatch_probe.py}, running inside the client's own interpreter (EMX
   * Python 2.3 and BitTorrent on OS/2, where no Java runs).
   */
  @JsonProperty("python")
  PYTHON,
  /** The server's manual report form, from pasted text. */
  @JsonProperty("manual")
  MANUAL
}
