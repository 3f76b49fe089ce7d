package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.shimwatch.report.Trap;

/**
 * One POPUPLOG.OS2 entry.
 *
 * @param line the 1-based line of the entry's header in the input
 * @param loggedAt the time in the header, as written (local time of the OS/2 machine)
 * @param messageId the popup message, e.g. {@code SYS3175}
 * @param slot the thread slot in the header
 * @param parameters the exception parameters {@code P1} to {@code P4} that were used
 * @param hasModuleLine whether the entry ends with a {@code MODULE object:offset} line
 * @param trap the entry as a trap in the contract's shape
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PopupLogEntry(
    int line,
    LocalDateTime loggedAt,
    String messageId,
    Long slot,
    Map<String, String> parameters,
    boolean hasModuleLine,
    Trap trap) {

  public PopupLogEntry {
    parameters =
        parameters == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  /** One line for people. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(loggedAt != null ? loggedAt.toString().replace('T', ' ') : "(no time)");
    s.append(' ').append(messageId != null ? messageId : "entry");
    if (trap.exceptionCode() != null) {
      s.append(": ")
          .append(trap.exceptionCode())
          .append(" (")
          .append(Os2Codes.exceptionName(trap.exceptionCode()))
          .append(')');
    }
    if (trap.process() != null && trap.process().name() != null) {
      s.append(" in ").append(trap.process().name());
    }
    if (trap.module() != null) {
      s.append(" at ").append(trap.module());
      if (trap.object() != null) {
        s.append(' ').append(trap.object()).append(':').append(trap.offset());
      }
    } else {
      s.append(", no module line");
    }
    return s.toString();
  }
}
