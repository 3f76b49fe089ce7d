package org.shimwatch.web.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.admin.SeeOther;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accounts (the owner's pages under {@code /maintainer/accounts}), one's own account (password,
 * sign out every session) and API tokens. A secret (a password the server chose, a token) is shown
 * once, on the page right after the post that made it, and never again.
 */
@Controller
class AccountPagesController {

  static final String ACCOUNTS = "maintainer/accounts/accounts";
  static final String ACCOUNT = "maintainer/accounts/account";
  static final String TOKENS = "maintainer/accounts/tokens";
  static final String SECRET = "maintainer/accounts/secret";

  private final AccountAdmin admin;

  AccountPagesController(AccountAdmin admin) {
    this.admin = admin;
  }

  // ---- the owner's account list

  @GetMapping("/maintainer/accounts")
  String accounts(Model model) {
    return accountsPage(model);
  }

  @PostMapping("/maintainer/accounts")
  Object create(
      @RequestParam(required = false) String username,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) List<String> projects,
      @RequestParam(required = false) String password,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      Optional<AccountAdmin.Secret> secret =
          admin.create(username, role, projects == null ? List.of() : projects, password);
      redirect.addFlashAttribute("notice", "Account " + username.strip() + " created.");
      if (secret.isPresent()) {
        redirect.addFlashAttribute("secret", secret.get());
        return SeeOther.to("/maintainer/accounts/secret", Map.of());
      }
      return SeeOther.to("/maintainer/accounts", Map.of());
    } catch (ChangeRefused e) {
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("newUsername", username);
      model.addAttribute("newRole", role);
      model.addAttribute("newProjects", projects == null ? List.of() : projects);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return accountsPage(model);
    }
  }

  @GetMapping("/maintainer/accounts/secret")
  String accountSecret(Model model, HttpServletResponse response) {
    return secretPage(model, response, "/maintainer/accounts", "Accounts");
  }

  @PostMapping("/maintainer/accounts/{id}/disable")
  Object disable(@PathVariable long id, RedirectAttributes redirect) {
    return change(redirect, () -> admin.setDisabled(id, true), " is disabled; its sessions ended.");
  }

  @PostMapping("/maintainer/accounts/{id}/enable")
  Object enable(@PathVariable long id, RedirectAttributes redirect) {
    return change(redirect, () -> admin.setDisabled(id, false), " is enabled.");
  }

  @PostMapping("/maintainer/accounts/{id}/access")
  Object access(
      @PathVariable long id,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) List<String> projects,
      RedirectAttributes redirect) {
    return change(
        redirect,
        () -> admin.changeAccess(id, role, projects == null ? List.of() : projects),
        " has its new role and projects; it signs in again to use them.");
  }

  @PostMapping("/maintainer/accounts/{id}/reset-password")
  Object reset(@PathVariable long id, RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("secret", admin.resetPassword(id));
      return SeeOther.to("/maintainer/accounts/secret", Map.of());
    } catch (ChangeRefused e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return SeeOther.to("/maintainer/accounts", Map.of());
    }
  }

  // ---- one's own account

  @GetMapping("/maintainer/account")
  String account(Model model) {
    model.addAttribute("me", admin.self());
    return ACCOUNT;
  }

  @PostMapping("/maintainer/account/password")
  Object password(
      @RequestParam(required = false) String currentPassword,
      @RequestParam(required = false) String newPassword,
      @RequestParam(required = false) String repeatPassword,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Optional<AccountAdmin.FieldProblem> problem =
        admin.changePassword(currentPassword, newPassword, repeatPassword);
    if (problem.isEmpty()) {
      redirect.addFlashAttribute("notice", "Your password is changed.");
      return SeeOther.to("/maintainer/account", Map.of());
    }
    model.addAttribute("me", admin.self());
    model.addAttribute("fieldErrors", Map.of(problem.get().field(), problem.get().message()));
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return ACCOUNT;
  }

  @PostMapping("/maintainer/account/sign-out-everywhere")
  Object signOutEverywhere(HttpServletRequest request) {
    admin.signOutEverywhere();
    var session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return SeeOther.to("/login", Map.of("signedOut", "everywhere"));
  }

  // ---- API tokens

  @GetMapping("/maintainer/tokens")
  String tokens(Model model) {
    return tokensPage(model);
  }

  @PostMapping("/maintainer/tokens")
  Object createToken(
      @RequestParam(required = false) String label,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) List<String> projects,
      @RequestParam(required = false) String days,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      Integer d = days(days);
      redirect.addFlashAttribute(
          "secret", admin.createToken(label, role, projects == null ? List.of() : projects, d));
      return SeeOther.to("/maintainer/tokens/secret", Map.of());
    } catch (ChangeRefused e) {
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("newLabel", label);
      model.addAttribute("newRole", role);
      model.addAttribute("newDays", days);
      model.addAttribute("newProjects", projects == null ? List.of() : projects);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return tokensPage(model);
    }
  }

  @GetMapping("/maintainer/tokens/secret")
  String tokenSecret(Model model, HttpServletResponse response) {
    return secretPage(model, response, "/maintainer/tokens", "API tokens");
  }

  @PostMapping("/maintainer/tokens/{id}/revoke")
  Object revokeToken(@PathVariable long id, RedirectAttributes redirect) {
    AccountAdmin.TokenRow t = admin.revokeToken(id);
    redirect.addFlashAttribute(
        "notice", "Token " + t.prefix() + "… (" + t.label() + ") is revoked.");
    return SeeOther.to("/maintainer/tokens", Map.of());
  }

  private String accountsPage(Model model) {
    model.addAttribute("accounts", admin.accounts());
    model.addAttribute("allProjects", admin.allProjects());
    model.addAttribute("roles", AccountAdmin.ROLES);
    return ACCOUNTS;
  }

  private String tokensPage(Model model) {
    AccountAdmin.AccountRow me = admin.self();
    // A server owner sees, and may revoke, every account's tokens; the others their own.
    boolean everyone = "OWNER".equals(me.role());
    model.addAttribute("tokens", everyone ? admin.allTokens() : admin.tokens());
    model.addAttribute("everyone", everyone);
    model.addAttribute("myProjects", admin.myProjects());
    model.addAttribute("me", me);
    model.addAttribute("roles", AccountAdmin.ROLES);
    return TOKENS;
  }

  private static String secretPage(
      Model model, HttpServletResponse response, String backHref, String backText) {
    // Never kept by a browser or a proxy: the secret is in this one answer only.
    response.setHeader("Cache-Control", "no-store");
    if (!(model.getAttribute("secret") instanceof AccountAdmin.Secret)) {
      model.addAttribute("secret", null);
    }
    model.addAttribute("backHref", backHref);
    model.addAttribute("backText", backText);
    return SECRET;
  }

  private static Object change(
      RedirectAttributes redirect,
      java.util.function.Supplier<AccountAdmin.AccountRow> change,
      String done) {
    try {
      AccountAdmin.AccountRow a = change.get();
      redirect.addFlashAttribute("notice", "Account " + a.username() + done);
    } catch (ChangeRefused e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return SeeOther.to("/maintainer/accounts", Map.of());
  }

  private static Integer days(String days) {
    if (days == null || days.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(days.strip());
    } catch (NumberFormatException e) {
      throw new ChangeRefused("invalid-expiry", "Give the days until it expires as a number.");
    }
  }
}
