package org.shimwatch.web.admin;

import java.util.Locale;
import java.util.Optional;

/** Where a report's comment stands; only approved comments are ever shown publicly. */
public enum CommentStatus {
  /** Waits for a maintainer. */
  PENDING("pending"),
  /** A maintainer let the public see it. */
  APPROVED("approved"),
  /** A maintainer decided the public never sees it. */
  REJECTED("rejected");

  private final String wireName;

  CommentStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The name stored and used in URLs. */
  public String wireName() {
    return wireName;
  }

  /** The status with this name (any case), or empty. */
  public static Optional<CommentStatus> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (CommentStatus s : values()) {
      if (s.wireName.equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
