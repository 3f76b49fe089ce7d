package org.shimwatch.server.system;

import org.shimwatch.server.maintainer.AccountSessionFilter;
import org.shimwatch.server.maintainer.Accounts;
import org.shimwatch.server.signin.SignInThrottle;
import org.shimwatch.server.signin.SignInThrottleFilter;
import org.shimwatch.web.system.LoginController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
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
  SecurityFilterChain pages(HttpSecurity http, SignInThrottle throttle, Accounts accounts)
      throws Exception {
    http.addFilterBefore(
            new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(new AccountSessionFilter(accounts), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/maintainer/accounts", "/maintainer/accounts/**")
                    .hasRole(SecurityConfig.OWNER)
                    .requestMatchers(HttpMethod.POST, "/maintainer/projects")
                    .hasRole(SecurityConfig.OWNER)
                    // One's own password and sessions: every role, viewers included.
                    .requestMatchers("/maintainer/account", "/maintainer/account/**")
                    .hasAnyRole(SecurityConfig.ALL_ROLES)
                    .requestMatchers(HttpMethod.GET, "/maintainer", "/maintainer/**")
                    .hasAnyRole(SecurityConfig.ALL_ROLES)
                    .requestMatchers(HttpMethod.HEAD, "/maintainer", "/maintainer/**")
                    .hasAnyRole(SecurityConfig.ALL_ROLES)
                    .requestMatchers("/maintainer", "/maintainer/**")
                    .hasAnyRole(SecurityConfig.CHANGING_ROLES)
                    .anyRequest()
                    .permitAll())
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (req, res, ex) ->
                        req.getRequestDispatcher(LoginController.FORBIDDEN_PATH).forward(req, res)))
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
