package org.shimwatch.server.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.shimwatch.server.system.ProblemWriter;
import org.shimwatch.web.system.LoginController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away a sign-in attempt (the sign-in form's post, or any request carrying HTTP basic
 * credentials) while its account or its source is throttled, before any password is checked: a
 * throttled guess costs a map lookup, not a BCrypt check. The answer is {@code 429} with {@code
 * Retry-After}: a problem document for programs, the sign-in page's own message for the form.
 */
public final class SignInThrottleFilter extends OncePerRequestFilter {

  private final SignInThrottle throttle;

  public SignInThrottleFilter(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean form = isFormSignIn(request);
    String account = form ? request.getParameter("username") : basicUser(request);
    if (account == null) {
      chain.doFilter(request, response);
      return;
    }
    long wait = throttle.waitSeconds(account, request.getRemoteAddr(), System.nanoTime());
    if (wait == 0) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Retry-After", Long.toString(wait));
    if (form) {
      request.setAttribute(LoginController.RETRY_AFTER_ATTRIBUTE, wait);
      request.getRequestDispatcher(LoginController.THROTTLED_PATH).forward(request, response);
    } else {
      ProblemWriter.write(
          response,
          429,
          "sign-in-throttled",
          "too many failed sign-ins for this account or from this address; try again in "
              + wait
              + " s");
    }
  }

  private static boolean isFormSignIn(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && "/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
  }

  /** The user name of HTTP basic credentials, or null when there are none (or they are garbled). */
  static String basicUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? null : pair.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
