package org.shimwatch.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Guessing against a server that sits behind a proxy on loopback (it trusts 127.0.0.1's forwarded
 * headers), so each test guesses from addresses of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SignInThrottleIntegrationTests {

  static final String PASSWORD = "throttle-test-password";
  private static final Path dataDir;

  static {
    try {
      dataDir = Files.createTempDirectory("shimwatch-signin");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    registry.add("shimwatch.data-dir", dataDir::toString);
    registry.add("shimwatch.admin-password", () -> PASSWORD);
    registry.add("shimwatch.sign-in.first-delay", () -> "30s");
    registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1");
  }

  @LocalServerPort int port;
  @Autowired PasswordEncoder encoder;
  @Autowired JdbcTemplate jdbc;

  /**
   * A maintainer of the test's own (the account is throttled with its mistakes, so tests that guess
   * at one must not share it), with the known password.
   */
  private String maintainer(String name) {
    jdbc.update(
        "INSERT INTO maintainer (username, password_hash, created_at) VALUES (?, ?, ?)",
        name,
        encoder.encode(PASSWORD),
        java.sql.Timestamp.from(java.time.Instant.now()));
    return name;
  }

  private long slowChecks() {
    return ((BoundedPasswordEncoder) encoder).slowChecks();
  }

  @Test
  void basicGuessesAreTurnedAwayWithRetryAfterWithoutAPasswordCheck() throws Exception {
    SignInClient client = new SignInClient(port);
    String erin = maintainer("erin");
    String from = "198.51.100.10";
    for (int i = 0; i < 6; i++) {
      assertThat(client.basic("/actuator/prometheus", erin, "guess" + i, from).statusCode())
          .isEqualTo(401);
    }
    long before = slowChecks();
    HttpResponse<String> throttled = client.basic("/actuator/prometheus", erin, PASSWORD, from);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 30L);
    assertThat(throttled.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(throttled.body()).contains("\"reason\":\"sign-in-throttled\"");
    assertThat(slowChecks()).as("a throttled attempt checks no password").isEqualTo(before);
    // The account is held from any address, a guess from another account at that address too.
    assertThat(client.basic("/api/v1/admin/projects", erin, PASSWORD, "203.0.113.5").statusCode())
        .isEqualTo(429);
    assertThat(client.basic("/api/v1/admin/projects", "carol", "x", from).statusCode())
        .isEqualTo(429);
  }

  @Test
  void anUnknownNameCostsOnePasswordCheckLikeAKnownOne() throws Exception {
    SignInClient client = new SignInClient(port);
    long before = slowChecks();
    assertThat(
            client.basic("/actuator/prometheus", "nobody-here", "x", "198.51.100.20").statusCode())
        .isEqualTo(401);
    long unknown = slowChecks() - before;
    String frank = maintainer("frank");
    before = slowChecks();
    assertThat(client.basic("/actuator/prometheus", frank, "wrong", "198.51.100.21").statusCode())
        .isEqualTo(401);
    long known = slowChecks() - before;
    assertThat(unknown).isEqualTo(known).isEqualTo(1);
  }

  @Test
  void theSignInFormSaysHowLongToWait() throws Exception {
    SignInClient client = new SignInClient(port);
    String from = "198.51.100.30";
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> wrong = client.form("dora", "guess" + i, from);
      assertThat(wrong.statusCode()).isEqualTo(302);
      assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    }
    HttpResponse<String> throttled = client.form("dora", "guess-again", from);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(throttled.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/html");
    assertThat(throttled.body()).contains("Too many failed sign-ins").doesNotContain("Exception");
  }

  @Test
  void aRightPasswordBeforeTheLimitClearsTheMistakes() throws Exception {
    SignInClient client = new SignInClient(port);
    String gina = maintainer("gina");
    String from = "198.51.100.40";
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(client.form(gina, "typo" + i, from).statusCode()).isEqualTo(302);
      }
      HttpResponse<String> right = client.form(gina, PASSWORD, from);
      assertThat(right.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }
    assertThat(client.basic("/actuator/prometheus", gina, PASSWORD, from).statusCode())
        .isEqualTo(200);
  }

  @Test
  void behindTheTrustedProxyTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
    SignInClient client = new SignInClient(port);
    HttpResponse<String> login =
        client.get("/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.50");
    assertThat(login.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(v -> assertThat(v).contains("max-age="));
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
  }
}
