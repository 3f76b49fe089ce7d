package org.shimwatch.server.maintainer;

import java.util.Locale;
import java.util.Optional;

/**
 * What an account may do. An owner manages accounts and every project; a maintainer reads and
 * changes the projects given to it; a viewer reads the projects given to it and changes nothing.
 * Ordered from most to least: a token never gets more than the account that made it.
 */
public enum Role {
  OWNER,
  MAINTAINER,
  VIEWER;

  /** The Spring Security authority name. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The lesser of the two. */
  public Role atMost(Role other) {
    return ordinal() >= other.ordinal() ? this : other;
  }

  /** Whether this role may do everything {@code other} may. */
  public boolean covers(Role other) {
    return ordinal() <= other.ordinal();
  }

  /** The role named (any case), if it is one. */
  public static Optional<Role> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
