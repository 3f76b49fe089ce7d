package org.shimwatch.web.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of the report list.
 *
 * @param reportId the report's id
 * @param receivedAt when the server stored it
 * @param outcome what the user said happened
 * @param osName OS name, e.g. eComStation
 * @param osVersion OS version (shown on the page, left out of the JSON list)
 * @param stackName stack name, e.g. os2-tcpip
 * @param stackVersion stack version
 * @param clientName client name
 * @param clientVersion client version
 * @param shimVersion shim version
 * @param trapCount traps the report carries
 * @param consentLevel 1 to 3
 */
public record ReportSummary(
    UUID reportId,
    Instant receivedAt,
    String outcome,
    String osName,
    @JsonIgnore String osVersion,
    String stackName,
    String stackVersion,
    String clientName,
    String clientVersion,
    String shimVersion,
    int trapCount,
    int consentLevel) {

  /** OS name and version as one label. */
  @JsonIgnore
  public String platform() {
    return join(osName, osVersion);
  }

  /** Stack name and version as one label. */
  @JsonIgnore
  public String stack() {
    return join(stackName, stackVersion);
  }

  /** Client name and version as one label. */
  @JsonIgnore
  public String client() {
    return join(clientName, clientVersion);
  }

  static String join(String a, String b) {
    boolean hasA = a != null && !a.isBlank();
    boolean hasB = b != null && !b.isBlank();
    if (hasA && hasB) {
      return a + " " + b;
    }
    return hasA ? a : hasB ? b : "";
  }
}
