package org.shimwatch.server.system;

import org.shimwatch.server.maintainer.ApiTokenFilter;
import org.shimwatch.server.maintainer.ApiTokens;
import org.shimwatch.server.signin.BoundedPasswordEncoder;
import org.shimwatch.server.signin.SignInThrottle;
import org.shimwatch.server.signin.SignInThrottleFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what. Probes authenticate with ingest keys and installation secrets, checked by the
 * ingest and deletion endpoints themselves, so those routes pass the filter chain; the maintainer
 * API and the metrics need a signed-in account (HTTP basic or an API token): any role may read,
 * only owners and maintainers may change, and accounts and the server itself are the owner's. Which
 * projects an account sees is checked per request by {@code ProjectAccessInterceptor}.
 */
@Configuration
class SecurityConfig {

  static final String OWNER = "OWNER";

  /** Roles that may change things: never a viewer. */
  static final String[] CHANGING_ROLES = {"OWNER", "MAINTAINER"};

  static final String[] ALL_ROLES = {"OWNER", "MAINTAINER", "VIEWER"};

  /** Admin API paths only an owner may use: accounts and the server itself. */
  static final String[] OWNER_ONLY_API = {
    "/api/v1/admin/server",
    "/api/v1/admin/server/**",
    "/api/v1/admin/accounts",
    "/api/v1/admin/accounts/**"
  };

  /** BCrypt at strength 12: about a quarter second per sign-in here, costly for a guesser. */
  static final int BCRYPT_STRENGTH = 12;

  private static void unauthorized(
      jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e)
      throws java.io.IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"shimwatch\"");
    ProblemWriter.write(
        response, 401, "unauthorized", "sign in as a maintainer (HTTP basic) to use this");
  }

  @Bean
  PasswordEncoder passwordEncoder(ShimwatchProperties properties) {
    ShimwatchProperties.SignIn s = properties.signIn();
    return new BoundedPasswordEncoder(
        new BCryptPasswordEncoder(BCRYPT_STRENGTH),
        s.concurrentChecks(),
        s.checkWait(),
        s.rememberRight());
  }

  @Bean
  SignInThrottle signInThrottle(ShimwatchProperties properties) {
    ShimwatchProperties.SignIn s = properties.signIn();
    return new SignInThrottle(s.freeAttempts(), s.firstDelay(), s.maxDelay(), s.forgetAfter());
  }

  @Bean
  @org.springframework.core.annotation.Order(1)
  SecurityFilterChain api(HttpSecurity http, SignInThrottle throttle, ApiTokens tokens)
      throws Exception {
    http.securityMatcher("/api/**", "/actuator/**")
        .addFilterBefore(new SignInThrottleFilter(throttle), BasicAuthenticationFilter.class)
        .addFilterBefore(new ApiTokenFilter(tokens, throttle), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(OWNER_ONLY_API)
                    .hasRole(OWNER)
                    .requestMatchers(HttpMethod.POST, "/api/v1/admin/projects")
                    .hasRole(OWNER)
                    .requestMatchers(HttpMethod.GET, "/api/v1/admin/**")
                    .hasAnyRole(ALL_ROLES)
                    .requestMatchers(HttpMethod.HEAD, "/api/v1/admin/**")
                    .hasAnyRole(ALL_ROLES)
                    .requestMatchers("/api/v1/admin/**")
                    .hasAnyRole(CHANGING_ROLES)
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAnyRole(ALL_ROLES)
                    .anyRequest()
                    .permitAll())
        .httpBasic(b -> b.authenticationEntryPoint(SecurityConfig::unauthorized))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(SecurityConfig::unauthorized)
                    .accessDeniedHandler(
                        (req, res, ex) ->
                            ProblemWriter.write(
                                res, 403, "forbidden", "this account's role may not do that here")))
        // The API is called by programs with keys or basic credentials, never by a browser
        // session, so there is no cookie for a forged request to ride on.
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }
}
