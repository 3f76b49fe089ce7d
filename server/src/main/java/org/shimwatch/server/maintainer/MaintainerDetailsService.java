package org.shimwatch.server.maintainer;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Signs maintainers in from the {@code maintainer} table. */
@Service
class MaintainerDetailsService implements UserDetailsService {

  private final MaintainerRepository maintainers;

  MaintainerDetailsService(MaintainerRepository maintainers) {
    this.maintainers = maintainers;
  }

  @Override
  @Transactional(readOnly = true)
  public UserDetails loadUserByUsername(String username) {
    Maintainer m =
        maintainers
            .findByUsername(username)
            .orElseThrow(() -> new UsernameNotFoundException("no such maintainer"));
    return User.withUsername(m.getUsername())
        .password(m.getPasswordHash())
        .roles("MAINTAINER")
        .build();
  }
}
