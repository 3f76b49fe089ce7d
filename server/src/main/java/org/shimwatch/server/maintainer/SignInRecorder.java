package org.shimwatch.server.maintainer;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Notes each account's last sign-in by password (written at most once a minute). */
@Component
class SignInRecorder {

  private final Accounts accounts;

  SignInRecorder(Accounts accounts) {
    this.accounts = accounts;
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    if (event.getAuthentication().getPrincipal() instanceof Account a && a.tokenId() == null) {
      accounts.signedIn(a.id());
    }
  }
}
