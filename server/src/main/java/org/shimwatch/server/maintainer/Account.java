package org.shimwatch.server.maintainer;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is signed in: an account (by password) or a token of an account. Kept in the session, so it
 * carries the session epoch it was made under; an account whose epoch moved on (every session
 * signed out, disabled, role or projects changed, password reset) is signed out at its next
 * request.
 */
public final class Account implements UserDetails, CredentialsContainer, Serializable {

  private static final long serialVersionUID = 1L;

  private final long id;
  private final String username;
  private String passwordHash;
  private final Role role;
  private final Set<String> projects;
  private final int epoch;
  private final boolean enabled;
  private final Long tokenId;

  /**
   * @param id the account's id
   * @param username its name
   * @param passwordHash the stored hash while signing in (erased afterwards), or null
   * @param role what it may do (for a token: the token's role, at most the account's)
   * @param projects the project slugs it may see; owners see all
   * @param epoch the account's session epoch when this was made
   * @param enabled false when the account is disabled
   * @param tokenId the token used, or null when signed in by password
   */
  public Account(
      long id,
      String username,
      String passwordHash,
      Role role,
      Set<String> projects,
      int epoch,
      boolean enabled,
      Long tokenId) {
    this.id = id;
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role;
    this.projects = Set.copyOf(projects);
    this.epoch = epoch;
    this.enabled = enabled;
    this.tokenId = tokenId;
  }

  public long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public Role role() {
    return role;
  }

  public Set<String> projects() {
    return projects;
  }

  public int epoch() {
    return epoch;
  }

  public Long tokenId() {
    return tokenId;
  }

  /** Whether this account may see the project. */
  public boolean maySee(String slug) {
    return role == Role.OWNER || projects.contains(slug);
  }

  /** Whether this account may change things (owners and maintainers; never viewers). */
  public boolean mayChange() {
    return role != Role.VIEWER;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(role.authority()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Account a
        && a.id == id
        && a.epoch == epoch
        && java.util.Objects.equals(a.tokenId, tokenId);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + epoch;
  }

  @Override
  public String toString() {
    return "Account["
        + username
        + ", "
        + role
        + (tokenId == null ? "" : ", token " + tokenId)
        + "]";
  }
}
