package org.shimwatch.server.signin;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Feeds the throttle with what the password checks found. A wrong password and an unknown user are
 * the same event (the check hides which), so both count alike.
 */
@Component
class SignInOutcomes {

  private final SignInThrottle throttle;

  SignInOutcomes(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    Authentication a = event.getAuthentication();
    throttle.failed(a.getName(), source(a), System.nanoTime());
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    Authentication a = event.getAuthentication();
    throttle.succeeded(a.getName(), source(a));
  }

  private static String source(Authentication a) {
    return a.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
  }
}
