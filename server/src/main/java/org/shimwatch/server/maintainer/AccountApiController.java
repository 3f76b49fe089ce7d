package org.shimwatch.server.maintainer;

import java.time.Instant;
import java.util.List;
import org.shimwatch.web.accounts.AccountAdmin;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for accounts (owners only, by the security rules) and for one's own API tokens. A
 * password the server chose and a token's value are in the answer that made them, and never again.
 */
@RestController
class AccountApiController {

  private final AccountAdmin admin;

  AccountApiController(AccountAdmin admin) {
    this.admin = admin;
  }

  record NewAccount(String username, String role, List<String> projects, String password) {}

  record CreatedAccount(AccountAdmin.AccountRow account, String initialPassword) {}

  record Access(String role, List<String> projects) {}

  record NewPassword(String username, String password) {}

  record NewTokenRequest(String label, String role, List<String> projects, Integer expiresInDays) {}

  record CreatedToken(
      String token, String label, String role, List<String> projects, Instant expiresAt) {}

  @GetMapping("/api/v1/admin/accounts")
  List<AccountAdmin.AccountRow> accounts() {
    return admin.accounts();
  }

  @PostMapping("/api/v1/admin/accounts")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedAccount create(@RequestBody NewAccount body) {
    var secret = admin.create(body.username(), body.role(), list(body.projects()), body.password());
    AccountAdmin.AccountRow row =
        admin.accounts().stream()
            .filter(
                a ->
                    a.username().equals(body.username().strip().toLowerCase(java.util.Locale.ROOT)))
            .findFirst()
            .orElseThrow();
    return new CreatedAccount(row, secret.map(AccountAdmin.Secret::value).orElse(null));
  }

  @PostMapping("/api/v1/admin/accounts/{id}/disable")
  AccountAdmin.AccountRow disable(@PathVariable long id) {
    return admin.setDisabled(id, true);
  }

  @PostMapping("/api/v1/admin/accounts/{id}/enable")
  AccountAdmin.AccountRow enable(@PathVariable long id) {
    return admin.setDisabled(id, false);
  }

  @PostMapping("/api/v1/admin/accounts/{id}/reset-password")
  NewPassword reset(@PathVariable long id) {
    AccountAdmin.Secret s = admin.resetPassword(id);
    return new NewPassword(s.username(), s.value());
  }

  @PutMapping("/api/v1/admin/accounts/{id}/access")
  AccountAdmin.AccountRow access(@PathVariable long id, @RequestBody Access body) {
    return admin.changeAccess(id, body.role(), list(body.projects()));
  }

  @GetMapping("/api/v1/admin/tokens")
  List<AccountAdmin.TokenRow> tokens() {
    return admin.tokens();
  }

  /** Every account's tokens, with who made each: an owner's view, as on the tokens page. */
  @GetMapping("/api/v1/admin/accounts/tokens")
  List<AccountAdmin.TokenRow> allTokens() {
    return admin.allTokens();
  }

  @PostMapping("/api/v1/admin/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedToken createToken(@RequestBody NewTokenRequest body) {
    AccountAdmin.Secret s =
        admin.createToken(body.label(), body.role(), list(body.projects()), body.expiresInDays());
    AccountAdmin.TokenRow t = admin.tokens().get(0);
    return new CreatedToken(s.value(), t.label(), t.role(), t.projects(), t.expiresAt());
  }

  @DeleteMapping("/api/v1/admin/tokens/{id}")
  AccountAdmin.TokenRow revoke(@PathVariable long id) {
    return admin.revokeToken(id);
  }

  private static List<String> list(List<String> l) {
    return l == null ? List.of() : l;
  }
}
