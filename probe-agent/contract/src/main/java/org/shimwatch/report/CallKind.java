package org.shimwatch.report;

/** The readiness calls the shim wraps, with the names the contract uses. */
public enum CallKind {
  SELECT("select"),
  PSELECT("pselect"),
  POLL("poll"),
  PPOLL("ppoll"),
  EPOLL_WAIT("epoll_wait"),
  EPOLL_PWAIT("epoll_pwait");

  private final String wireName;

  CallKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the contract, e.g. {@code epoll_wait}. */
  public String wireName() {
    return wireName;
  }

  /** The call of a contract name, or {@code null} for a name the contract does not have. */
  public static CallKind ofWireName(String name) {
    for (CallKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
