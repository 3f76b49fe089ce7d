package org.shimwatch.server.maintainer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a page session whose account was disabled, removed, or whose session epoch moved on ("sign
 * out every session", a password reset, a change of role or projects): the session is invalidated
 * and the request goes on as nobody's, so a maintainer page sends it to the sign-in form. One
 * primary-key lookup per signed-in page request.
 */
public final class AccountSessionFilter extends OncePerRequestFilter {

  private final Accounts accounts;

  public AccountSessionFilter(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Account> signedIn = ProjectAccess.current();
    if (signedIn.isPresent() && signedIn.get().tokenId() == null) {
      Account a = signedIn.get();
      boolean live = accounts.liveEpoch(a.id()).map(e -> e == a.epoch()).orElse(false);
      if (!live) {
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        SecurityContextHolder.clearContext();
      }
    }
    chain.doFilter(request, response);
  }
}
