package org.shimwatch.web.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and API tokens for the pages; the server implements it for the one signed in. Changes
 * refused for bad input throw {@link org.shimwatch.web.ChangeRefused} and store nothing.
 */
public interface AccountAdmin {

  /** The roles, most rights first, as the forms name them. */
  List<String> ROLES = List.of("owner", "maintainer", "viewer");

  /** One account as the owner's list shows it. */
  record AccountRow(
      long id,
      String username,
      String role,
      List<String> projects,
      boolean disabled,
      Instant lastSignIn,
      Instant createdAt) {}

  /** A token as its maker sees it: never its value. */
  record TokenRow(
      long id,
      String owner,
      String prefix,
      String label,
      String role,
      List<String> projects,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      Instant lastUsedAt,
      boolean active) {}

  /** A one-time secret to show: a new account's or a reset password, or a new token. */
  record Secret(String what, String username, String value) {}

  /** A refused password change: the field at fault and why. */
  record FieldProblem(String field, String message) {}

  /** The one signed in. */
  AccountRow self();

  /** Every project slug (an owner gives them to accounts). */
  List<String> allProjects();

  /** The projects the one signed in may give a token. */
  List<String> myProjects();

  List<AccountRow> accounts();

  /**
   * @param password the owner's choice, or blank for a random one
   * @return the new account's password when the server chose it, else empty
   */
  Optional<Secret> create(String username, String role, List<String> projects, String password);

  AccountRow setDisabled(long id, boolean disabled);

  Secret resetPassword(long id);

  AccountRow changeAccess(long id, String role, List<String> projects);

  /** Changes the signed-in account's password; empty when done. */
  Optional<FieldProblem> changePassword(String current, String fresh, String repeated);

  /** Ends every session of the signed-in account, this one included. */
  void signOutEverywhere();

  /** The signed-in account's own tokens, newest first. */
  List<TokenRow> tokens();

  /** Every account's tokens, newest first: for a server owner only. */
  List<TokenRow> allTokens();

  /** A new token of the signed-in account, shown once. */
  Secret createToken(String label, String role, List<String> projects, Integer days);

  /** Revokes one of the signed-in account's tokens, or any token when it is a server owner's. */
  TokenRow revokeToken(long id);
}
