package org.shimwatch.web.traps;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where a trap group stands. */
public enum TrapStatus {
  /** Nobody has looked at it yet. */
  NEW("new"),
  /** A maintainer has seen it. */
  ACKNOWLEDGED("acknowledged"),
  /** A maintainer says a shim version fixes it. */
  FIXED("fixed"),
  /** It came back on a shim version at or above the one said to fix it; set automatically. */
  REGRESSED("regressed");

  private final String wireName;

  TrapStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The status with this name (any case), or empty. */
  public static Optional<TrapStatus> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (TrapStatus s : values()) {
      if (s.wireName.equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
