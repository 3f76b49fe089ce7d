package org.shimwatch.server.maintainer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.shimwatch.server.project.Secrets;
import org.shimwatch.web.AlreadyExists;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts: who they are, what role and projects each has, whether disabled, and their
 * passwords. Every change that takes a right away (disable, role or projects changed, password
 * reset, "sign out every session") raises the account's session epoch, which ends its sessions.
 */
@Service
public class Accounts {

  /** Shortest password accepted. */
  public static final int MIN_PASSWORD = 12;

  /** Longest password accepted (BCrypt looks at 72 bytes; more is a mistake or an attack). */
  public static final int MAX_PASSWORD = 72;

  /** The last sign-in is written at most this often per account. */
  static final Duration SIGN_IN_WRITE_EVERY = Duration.ofMinutes(1);

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  private final JdbcTemplate jdbc;
  private final PasswordEncoder encoder;
  private final Clock clock;

  Accounts(JdbcTemplate jdbc, PasswordEncoder encoder, Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.clock = clock;
  }

  /** One account as an owner sees it in the list. */
  public record Summary(
      long id,
      String username,
      Role role,
      List<String> projects,
      boolean disabled,
      Instant lastSignIn,
      Instant createdAt) {}

  /** A new account and, when the server chose it, its one-time password. */
  public record Created(Summary account, String initialPassword) {}

  /** An account with its current state, as signing in needs it (password hash included). */
  @Transactional(readOnly = true)
  public Optional<Account> forSignIn(String username) {
    if (username == null) {
      return Optional.empty();
    }
    List<Account> found =
        jdbc.query(
            "SELECT id, username, password_hash, role, session_epoch, disabled_at FROM maintainer"
                + " WHERE username = ?",
            (rs, n) ->
                new Account(
                    rs.getLong("id"),
                    rs.getString("username"),
                    rs.getString("password_hash"),
                    Role.valueOf(rs.getString("role")),
                    Set.of(),
                    rs.getInt("session_epoch"),
                    rs.getTimestamp("disabled_at") == null,
                    null),
            username.strip().toLowerCase(Locale.ROOT));
    return found.stream()
        .findFirst()
        .map(
            a ->
                new Account(
                    a.id(),
                    a.username(),
                    a.getPassword(),
                    a.role(),
                    projectsOf(a.id()),
                    a.epoch(),
                    a.isEnabled(),
                    null));
  }

  /** The session epoch of an enabled account, or empty when it is gone or disabled. */
  public Optional<Integer> liveEpoch(long id) {
    List<Integer> e =
        jdbc.queryForList(
            "SELECT session_epoch FROM maintainer WHERE id = ? AND disabled_at IS NULL",
            Integer.class,
            id);
    return e.stream().findFirst();
  }

  /** Every account, by name. */
  @Transactional(readOnly = true)
  public List<Summary> all() {
    Map<Long, List<String>> projects = new TreeMap<>();
    jdbc.query(
        "SELECT mp.maintainer_id, p.slug FROM maintainer_project mp JOIN project p ON p.id ="
            + " mp.project_id ORDER BY p.slug",
        rs -> {
          projects.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
    return jdbc.query(
        "SELECT id, username, role, disabled_at, last_sign_in_at, created_at FROM maintainer"
            + " ORDER BY username",
        (rs, n) ->
            new Summary(
                rs.getLong("id"),
                rs.getString("username"),
                Role.valueOf(rs.getString("role")),
                projects.getOrDefault(rs.getLong("id"), List.of()),
                rs.getTimestamp("disabled_at") != null,
                instant(rs.getTimestamp("last_sign_in_at")),
                instant(rs.getTimestamp("created_at"))));
  }

  /** One account, or NotFound. */
  public Summary one(long id) {
    return all().stream()
        .filter(s -> s.id() == id)
        .findFirst()
        .orElseThrow(() -> new NotFound("account-not-found", "There is no account " + id + "."));
  }

  /**
   * Creates an account.
   *
   * @param password the owner's choice, or null/blank for a random one shown once
   * @throws ChangeRefused for a bad name, role, project or password; nothing is stored then
   */
  @Transactional
  public Created create(
      String username, String role, Collection<String> projects, String password) {
    String name = checkUsername(username);
    Role r = checkRole(role);
    Set<Long> projectIds = checkProjects(r, projects);
    boolean chosen = password != null && !password.isEmpty();
    if (chosen) {
      checkPassword(name, password);
    }
    String plain = chosen ? password : newPassword();
    try {
      jdbc.update(
          "INSERT INTO maintainer (username, password_hash, created_at, role, session_epoch)"
              + " VALUES (?, ?, ?, ?, 0)",
          name,
          encoder.encode(plain),
          Timestamp.from(clock.instant()),
          r.name());
    } catch (DuplicateKeyException e) {
      throw new AlreadyExists("account-exists", "There is already an account named " + name + ".");
    }
    long id = jdbc.queryForObject("SELECT id FROM maintainer WHERE username = ?", Long.class, name);
    setProjects(id, projectIds);
    return new Created(one(id), chosen ? null : plain);
  }

  /** Disables or enables an account; disabling ends its sessions and stops its tokens. */
  @Transactional
  public Summary setDisabled(long id, boolean disabled, long actingId) {
    one(id);
    if (disabled && id == actingId) {
      throw new ChangeRefused("own-account", "You cannot disable your own account.");
    }
    if (disabled && isOwner(id) && enabledOwners() <= 1) {
      throw new ChangeRefused("last-owner", "The last enabled owner cannot be disabled.");
    }
    jdbc.update(
        "UPDATE maintainer SET disabled_at = ?, session_epoch = session_epoch + 1 WHERE id = ?",
        disabled ? Timestamp.from(clock.instant()) : null,
        id);
    return one(id);
  }

  /** A new random password for the account, returned once; its sessions end. */
  @Transactional
  public String resetPassword(long id) {
    one(id);
    String plain = newPassword();
    jdbc.update(
        "UPDATE maintainer SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?",
        encoder.encode(plain),
        id);
    return plain;
  }

  /** Changes role and projects; the account signs in again to get them. */
  @Transactional
  public Summary changeAccess(long id, String role, Collection<String> projects, long actingId) {
    Summary before = one(id);
    Role r = checkRole(role);
    Set<Long> projectIds = checkProjects(r, projects);
    if (before.role() == Role.OWNER && r != Role.OWNER) {
      if (id == actingId) {
        throw new ChangeRefused("own-account", "You cannot take the owner role from yourself.");
      }
      if (!before.disabled() && enabledOwners() <= 1) {
        throw new ChangeRefused("last-owner", "The last enabled owner must stay an owner.");
      }
    }
    jdbc.update(
        "UPDATE maintainer SET role = ?, session_epoch = session_epoch + 1 WHERE id = ?",
        r.name(),
        id);
    jdbc.update("DELETE FROM maintainer_project WHERE maintainer_id = ?", id);
    setProjects(id, projectIds);
    return one(id);
  }

  /**
   * Changes one's own password.
   *
   * @throws PasswordRefused naming the field at fault; nothing changed then
   */
  @Transactional
  public void changePassword(String username, String old, String fresh, String repeated) {
    Account a =
        forSignIn(username)
            .orElseThrow(() -> new NotFound("account-not-found", "There is no such account."));
    if (old == null || old.isEmpty() || !encoder.matches(old, a.getPassword())) {
      throw new PasswordRefused("oldPassword", "The current password is not right.");
    }
    try {
      checkPassword(a.username(), fresh);
    } catch (ChangeRefused e) {
      throw new PasswordRefused("newPassword", e.getMessage());
    }
    if (!fresh.equals(repeated)) {
      throw new PasswordRefused("repeatPassword", "The two new passwords differ.");
    }
    if (fresh.equals(old)) {
      throw new PasswordRefused("newPassword", "The new password is the same as the current one.");
    }
    jdbc.update(
        "UPDATE maintainer SET password_hash = ? WHERE id = ?", encoder.encode(fresh), a.id());
  }

  /** Ends every session of the account (this one included). */
  @Transactional
  public void signOutEverywhere(long id) {
    jdbc.update("UPDATE maintainer SET session_epoch = session_epoch + 1 WHERE id = ?", id);
  }

  /** Notes a sign-in, writing at most once a minute per account. */
  public void signedIn(long id) {
    Instant now = clock.instant();
    jdbc.update(
        "UPDATE maintainer SET last_sign_in_at = ? WHERE id = ? AND (last_sign_in_at IS NULL OR"
            + " last_sign_in_at < ?)",
        Timestamp.from(now),
        id,
        Timestamp.from(now.minus(SIGN_IN_WRITE_EVERY)));
  }

  /** Slugs of the projects given to an account. */
  Set<String> projectsOf(long id) {
    return new TreeSet<>(
        jdbc.queryForList(
            "SELECT p.slug FROM maintainer_project mp JOIN project p ON p.id = mp.project_id"
                + " WHERE mp.maintainer_id = ?",
            String.class,
            id));
  }

  /** Ids of the named projects; every name must exist. */
  Set<Long> projectIds(Collection<String> slugs) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String s : slugs) {
      if (s == null || s.isBlank()) {
        continue;
      }
      List<Long> id =
          jdbc.queryForList("SELECT id FROM project WHERE slug = ?", Long.class, s.strip());
      if (id.isEmpty()) {
        throw new ChangeRefused("project-not-found", "There is no project named '" + s + "'.");
      }
      ids.add(id.get(0));
    }
    return ids;
  }

  private Set<Long> checkProjects(Role r, Collection<String> projects) {
    Set<Long> ids = projectIds(projects == null ? List.of() : projects);
    if (r == Role.OWNER) {
      return Set.of();
    }
    if (ids.isEmpty()) {
      throw new ChangeRefused(
          "no-projects", "Give a maintainer or a viewer at least one project to look after.");
    }
    return ids;
  }

  private void setProjects(long id, Set<Long> projectIds) {
    for (long p : projectIds) {
      jdbc.update(
          "INSERT INTO maintainer_project (maintainer_id, project_id) VALUES (?, ?)", id, p);
    }
  }

  private boolean isOwner(long id) {
    return "OWNER"
        .equals(jdbc.queryForObject("SELECT role FROM maintainer WHERE id = ?", String.class, id));
  }

  private int enabledOwners() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM maintainer WHERE role = 'OWNER' AND disabled_at IS NULL",
        Integer.class);
  }

  static String checkUsername(String username) {
    String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(name).matches()) {
      throw new ChangeRefused(
          "invalid-username",
          "A user name is 2 to 64 lower-case letters, digits, dots, dashes or underscores,"
              + " starting with a letter or digit.");
    }
    return name;
  }

  static Role checkRole(String role) {
    return Role.of(role)
        .orElseThrow(
            () ->
                new ChangeRefused(
                    "invalid-role", "The role is one of owner, maintainer or viewer."));
  }

  static void checkPassword(String username, String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new ChangeRefused(
          "weak-password", "A password has at least " + MIN_PASSWORD + " characters.");
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD) {
      throw new ChangeRefused(
          "long-password", "A password has at most " + MAX_PASSWORD + " bytes.");
    }
    if (password.strip().equalsIgnoreCase(username)) {
      throw new ChangeRefused("weak-password", "A password is not the user name.");
    }
  }

  /** A random password of 24 characters. */
  static String newPassword() {
    return Secrets.newKey("").substring(0, 24);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
