package org.shimwatch.server.maintainer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.shimwatch.server.signin.SignInThrottle;
import org.shimwatch.server.system.ProblemWriter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in by {@code Authorization: Bearer swt_...} on the admin API and the metrics
 * scrape, and nowhere else (pages never take a token). A token costs a SHA-256 and one indexed
 * lookup. A token that does not work answers {@code 401} at once and counts as a failure against
 * its source address (not against any account, so nobody can lock an account out with made-up
 * tokens); a source with too many failures gets {@code 429} with {@code Retry-After} before any
 * lookup.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;
  private final SignInThrottle throttle;

  public ApiTokenFilter(ApiTokens tokens, SignInThrottle throttle) {
    this.tokens = tokens;
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!takesTokens(path)) {
      unauthorized(
          response, "API tokens are taken only by /api/v1/admin/** and /actuator/prometheus");
      return;
    }
    String source = request.getRemoteAddr();
    long wait = throttle.waitSeconds(null, source, System.nanoTime());
    if (wait > 0) {
      response.setHeader("Retry-After", Long.toString(wait));
      ProblemWriter.write(
          response,
          429,
          "sign-in-throttled",
          "too many failed sign-ins from this address; try again in " + wait + " s");
      return;
    }
    Optional<Account> account = tokens.authenticate(header.substring(7).strip());
    if (account.isEmpty()) {
      throttle.failed(null, source, System.nanoTime());
      unauthorized(response, "this API token is unknown, revoked or expired");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            account.get(), null, account.get().getAuthorities()));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  static boolean takesTokens(String path) {
    return path.startsWith("/api/v1/admin/") || path.equals("/actuator/prometheus");
  }

  private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer realm=\"shimwatch\"");
    ProblemWriter.write(response, 401, "unauthorized", detail);
  }
}
