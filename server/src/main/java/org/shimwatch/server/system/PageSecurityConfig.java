package org.shimwatch.server.system;

import org.shimwatch.server.signin.SignInThrottle;
import org.shimwatch.server.signin.SignInThrottleFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The pages: public ones open to all, maintainer pages behind a form login. Forms carry CSRF
 * tokens; the content security policy allows scripts, styles and images from this server only (no
 * inline script), and no page may be framed.
 */
@Configuration
class PageSecurityConfig {

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http, SignInThrottle throttle) throws Exception {
    http.addFilterBefore(
            new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(
            a -> a.requestMatchers("/maintainer/**").hasRole("MAINTAINER").anyRequest().permitAll())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
        .logout(l -> l.logoutSuccessUrl("/login?logout"))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .headers(
            h ->
                h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                    .frameOptions(f -> f.deny())
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }
}
