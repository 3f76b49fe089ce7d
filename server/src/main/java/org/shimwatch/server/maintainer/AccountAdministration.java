package org.shimwatch.server.maintainer;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.web.NotAllowed;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.accounts.AccountAdmin;
import org.springframework.stereotype.Component;

/** Accounts and tokens for the pages, acting as the one signed in. */
@Component
class AccountAdministration implements AccountAdmin {

  private final Accounts accounts;
  private final ApiTokens tokens;
  private final ProjectService projects;
  private final ProjectAccess access;
  private final Clock clock;

  AccountAdministration(
      Accounts accounts,
      ApiTokens tokens,
      ProjectService projects,
      ProjectAccess access,
      Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.projects = projects;
    this.access = access;
    this.clock = clock;
  }

  @Override
  public AccountRow self() {
    return row(accounts.one(me().id()));
  }

  @Override
  public List<String> allProjects() {
    return projects.all().stream().map(Project::getSlug).toList();
  }

  @Override
  public List<String> myProjects() {
    return access.visible(allProjects());
  }

  @Override
  public List<AccountRow> accounts() {
    owner();
    return accounts.all().stream().map(AccountAdministration::row).toList();
  }

  @Override
  public Optional<Secret> create(
      String username, String role, List<String> projectSlugs, String password) {
    owner();
    Accounts.Created c = accounts.create(username, role, projectSlugs, password);
    return Optional.ofNullable(c.initialPassword())
        .map(p -> new Secret("Initial password", c.account().username(), p));
  }

  @Override
  public AccountRow setDisabled(long id, boolean disabled) {
    return row(accounts.setDisabled(id, disabled, owner().id()));
  }

  @Override
  public Secret resetPassword(long id) {
    owner();
    String name = accounts.one(id).username();
    return new Secret("New password", name, accounts.resetPassword(id));
  }

  @Override
  public AccountRow changeAccess(long id, String role, List<String> projectSlugs) {
    return row(accounts.changeAccess(id, role, projectSlugs, owner().id()));
  }

  @Override
  public Optional<FieldProblem> changePassword(String current, String fresh, String repeated) {
    try {
      accounts.changePassword(me().username(), current, fresh, repeated);
      return Optional.empty();
    } catch (PasswordRefused e) {
      return Optional.of(new FieldProblem(e.field(), e.getMessage()));
    }
  }

  @Override
  public void signOutEverywhere() {
    accounts.signOutEverywhere(me().id());
  }

  @Override
  public List<TokenRow> tokens() {
    return tokens.of(me().id()).stream().map(this::row).toList();
  }

  @Override
  public List<TokenRow> allTokens() {
    owner();
    return tokens.all().stream().map(this::row).toList();
  }

  @Override
  public Secret createToken(String label, String role, List<String> projectSlugs, Integer days) {
    Account me = me();
    ApiTokens.NewToken t = tokens.create(me, label, role, projectSlugs, days);
    return new Secret("API token " + t.token().label(), me.username(), t.value());
  }

  @Override
  public TokenRow revokeToken(long id) {
    return row(tokens.revoke(me(), id));
  }

  private static Account me() {
    return ProjectAccess.current()
        .orElseThrow(() -> new NotFound("account-not-found", "Nobody is signed in."));
  }

  private static Account owner() {
    Account a = me();
    if (a.role() != Role.OWNER) {
      throw new NotAllowed("owner-only", "Only a server owner manages accounts.");
    }
    return a;
  }

  static AccountRow row(Accounts.Summary s) {
    return new AccountRow(
        s.id(),
        s.username(),
        s.role().name(),
        s.projects(),
        s.disabled(),
        s.lastSignIn(),
        s.createdAt());
  }

  private TokenRow row(ApiTokens.TokenView t) {
    return new TokenRow(
        t.id(),
        t.owner(),
        t.prefix(),
        t.label(),
        t.role().name(),
        t.projects(),
        t.createdAt(),
        t.expiresAt(),
        t.revokedAt(),
        t.lastUsedAt(),
        t.active(clock.instant()));
  }
}
