package org.shimwatch.server.maintainer;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Signs accounts in from the {@code maintainer} table, with their role and projects. A disabled
 * account is found but refused before its password is looked at.
 */
@Service
class MaintainerDetailsService implements UserDetailsService {

  private final Accounts accounts;

  MaintainerDetailsService(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return accounts
        .forSignIn(username)
        .orElseThrow(() -> new UsernameNotFoundException("no such account"));
  }
}
