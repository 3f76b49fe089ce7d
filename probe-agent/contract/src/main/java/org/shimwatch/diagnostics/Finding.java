package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A plain-language conclusion drawn from a user's artefacts, e.g. "TCPIP32.DLL not found: the shim
 * will not work — it needs TCP/IP 4.21 or later".
 *
 * @param severity how much it matters
 * @param code a stable identifier, e.g. {@code tcpip32-missing}, for tests and the server
 * @param message the conclusion, with its reason, for people
 */
public record Finding(Severity severity, String code, String message) {

  /** How much a finding matters. */
  public enum Severity {
    /** The shim will not work, or is not in effect, on this system. */
    @JsonProperty("blocker")
    BLOCKER,
    /** Something is likely wrong and worth fixing. */
    @JsonProperty("warning")
    WARNING,
    /** A fact worth knowing. */
    @JsonProperty("info")
    INFO
  }

  /** The finding as one line, e.g. "[blocker] TCPIP32.DLL not found: ...". */
  public String describe() {
    return "[" + severity.name().toLowerCase(java.util.Locale.ROOT) + "] " + message;
  }
}
