package org.shimwatch.server.maintainer;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.shimwatch.server.project.Secrets;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for scripts and the metrics scrape. A token is {@value #PREFIX} and 43 characters of
 * 32 random bytes; only its SHA-256 is stored (a long random value needs no slow hash, so checking
 * one costs a hash and an indexed lookup, never a BCrypt check). A token has a role no higher than
 * its maker's, projects among its maker's, and an optional expiry; it stops working when revoked,
 * expired, or when its account is disabled. Its last use is written at most once a minute.
 */
@Service
public class ApiTokens {

  /** What every token starts with, so one pasted in the wrong place is recognised. */
  public static final String PREFIX = "swt_";

  /** Last use is written at most this often per token. */
  static final Duration LAST_USE_EVERY = Duration.ofMinutes(1);

  /** Longest life a token may be given. */
  static final int MAX_DAYS = 3660;

  private static final Pattern SHAPE = Pattern.compile("swt_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final Accounts accounts;
  private final Clock clock;

  ApiTokens(JdbcTemplate jdbc, Accounts accounts, Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** A token as its maker sees it (never its value). */
  public record TokenView(
      long id,
      String owner,
      String prefix,
      String label,
      Role role,
      List<String> projects,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      Instant lastUsedAt) {

    /** Whether the token still works (as far as the token itself goes). */
    public boolean active(Instant now) {
      return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
  }

  /** A new token: the only time its value is shown. */
  public record NewToken(TokenView token, String value) {}

  /**
   * Makes a token for the signed-in account.
   *
   * @param role the token's role, at most the maker's; blank means the maker's own
   * @param projects for a maintainer or viewer token, projects among the maker's
   * @param days days until it expires, or null for never
   * @throws ChangeRefused for anything out of bounds; nothing is stored then
   */
  @Transactional
  public NewToken create(
      Account maker, String label, String role, Collection<String> projects, Integer days) {
    String l = label == null ? "" : label.strip();
    if (l.isEmpty() || l.length() > 128) {
      throw new ChangeRefused("invalid-label", "Name the token (1 to 128 characters).");
    }
    Role r = role == null || role.isBlank() ? maker.role() : Accounts.checkRole(role);
    if (!maker.role().covers(r)) {
      throw new ChangeRefused(
          "role-too-high",
          "A token cannot have more rights than its maker ("
              + maker.role().name().toLowerCase(java.util.Locale.ROOT)
              + ").");
    }
    Set<Long> projectIds = new HashSet<>();
    if (r != Role.OWNER) {
      Collection<String> wanted = projects == null ? List.of() : projects;
      for (String p : wanted) {
        if (p != null && !p.isBlank() && !maker.maySee(p.strip())) {
          throw new ChangeRefused("project-not-found", "There is no project named '" + p + "'.");
        }
      }
      projectIds = accounts.projectIds(wanted);
      if (projectIds.isEmpty()) {
        throw new ChangeRefused("no-projects", "Give the token at least one project.");
      }
    }
    if (days != null && (days < 1 || days > MAX_DAYS)) {
      throw new ChangeRefused(
          "invalid-expiry", "A token expires in 1 to " + MAX_DAYS + " days, or never.");
    }
    Instant now = clock.instant();
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    jdbc.update(
        "INSERT INTO api_token (maintainer_id, token_hash, token_prefix, label, role, created_at,"
            + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        maker.id(),
        Secrets.sha256(value),
        value.substring(0, 12),
        l,
        r.name(),
        Timestamp.from(now),
        days == null ? null : Timestamp.from(now.plus(Duration.ofDays(days))));
    long id =
        jdbc.queryForObject(
            "SELECT id FROM api_token WHERE token_hash = ?", Long.class, Secrets.sha256(value));
    for (long p : projectIds) {
      jdbc.update("INSERT INTO api_token_project (token_id, project_id) VALUES (?, ?)", id, p);
    }
    return new NewToken(one(id), value);
  }

  /** The tokens an account made, newest first. */
  @Transactional(readOnly = true)
  public List<TokenView> of(long accountId) {
    return query(" WHERE t.maintainer_id = ?", accountId);
  }

  /** Every account's tokens, newest first (an owner's view). */
  @Transactional(readOnly = true)
  public List<TokenView> all() {
    return query("");
  }

  /**
   * Revokes a token of the account (an owner may revoke anyone's).
   *
   * @throws NotFound when there is no such token the account may revoke
   */
  @Transactional
  public TokenView revoke(Account by, long id) {
    TokenView t = one(id);
    if (t == null || (by.role() != Role.OWNER && !t.owner().equals(by.username()))) {
      throw new NotFound("token-not-found", "There is no token " + id + ".");
    }
    jdbc.update(
        "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        Timestamp.from(clock.instant()),
        id);
    return one(id);
  }

  /**
   * The account a presented token stands for, with the token's role and projects; empty when the
   * token is malformed, unknown, revoked, expired or its account disabled.
   */
  public Optional<Account> authenticate(String presented) {
    if (presented == null || !SHAPE.matcher(presented).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    record Found(
        long id,
        long accountId,
        String username,
        Role accountRole,
        Role role,
        int epoch,
        Instant lastUsed) {}
    List<Found> found =
        jdbc.query(
            "SELECT t.id, t.maintainer_id, m.username, m.role AS account_role, t.role,"
                + " m.session_epoch, t.last_used_at FROM api_token t JOIN maintainer m ON m.id ="
                + " t.maintainer_id WHERE t.token_hash = ? AND t.revoked_at IS NULL AND"
                + " (t.expires_at IS NULL OR t.expires_at > ?) AND m.disabled_at IS NULL",
            (rs, n) ->
                new Found(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    Role.valueOf(rs.getString(4)),
                    Role.valueOf(rs.getString(5)),
                    rs.getInt(6),
                    instant(rs.getTimestamp(7))),
            Secrets.sha256(presented),
            Timestamp.from(now));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Found f = found.get(0);
    if (f.lastUsed() == null || f.lastUsed().isBefore(now.minus(LAST_USE_EVERY))) {
      jdbc.update(
          "UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR"
              + " last_used_at < ?)",
          Timestamp.from(now),
          f.id(),
          Timestamp.from(now.minus(LAST_USE_EVERY)));
    }
    Role role = f.role().atMost(f.accountRole());
    Set<String> projects = new HashSet<>(tokenProjects(f.id()));
    if (f.accountRole() != Role.OWNER) {
      projects.retainAll(accounts.projectsOf(f.accountId()));
    }
    return Optional.of(
        new Account(f.accountId(), f.username(), null, role, projects, f.epoch(), true, f.id()));
  }

  private List<String> tokenProjects(long tokenId) {
    return jdbc.queryForList(
        "SELECT p.slug FROM api_token_project tp JOIN project p ON p.id = tp.project_id WHERE"
            + " tp.token_id = ? ORDER BY p.slug",
        String.class,
        tokenId);
  }

  private TokenView one(long id) {
    List<TokenView> t = query(" WHERE t.id = ?", id);
    return t.isEmpty() ? null : t.get(0);
  }

  private List<TokenView> query(String where, Object... args) {
    Map<Long, List<String>> projects = new TreeMap<>();
    jdbc.query(
        "SELECT tp.token_id, p.slug FROM api_token_project tp JOIN project p ON p.id ="
            + " tp.project_id JOIN api_token t ON t.id = tp.token_id"
            + where
            + " ORDER BY p.slug",
        rs -> {
          projects.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        },
        args);
    return jdbc.query(
        "SELECT t.id, m.username, t.token_prefix, t.label, t.role, t.created_at, t.expires_at,"
            + " t.revoked_at, t.last_used_at FROM api_token t JOIN maintainer m ON m.id ="
            + " t.maintainer_id"
            + where
            + " ORDER BY t.created_at DESC, t.id DESC",
        (rs, n) ->
            new TokenView(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Role.valueOf(rs.getString(5)),
                projects.getOrDefault(rs.getLong(1), List.of()),
                instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9))),
        args);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
