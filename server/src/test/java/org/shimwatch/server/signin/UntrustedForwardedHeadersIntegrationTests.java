package org.shimwatch.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A server with no trusted proxy (the default), reached directly by a client forging headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class UntrustedForwardedHeadersIntegrationTests {

  private static final Path dataDir;

  static {
    try {
      dataDir = Files.createTempDirectory("shimwatch-untrusted");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    registry.add("shimwatch.data-dir", dataDir::toString);
    registry.add("shimwatch.admin-password", () -> "untrusted-test-password");
    registry.add("shimwatch.sign-in.first-delay", () -> "30s");
  }

  @LocalServerPort int port;

  @Test
  void forgedHttpsGetsNoSecureCookieAndNoHsts() throws Exception {
    HttpResponse<String> login =
        new SignInClient(port)
            .get("/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.77");
    assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).doesNotContain("Secure").contains("HttpOnly").contains("SameSite=Lax");
  }

  @Test
  void aGuesserForgingANewAddressEachTimeIsStillThrottledByItsRealOne() throws Exception {
    SignInClient client = new SignInClient(port);
    for (int i = 0; i < 6; i++) {
      assertThat(
              client
                  .basic("/actuator/prometheus", "user" + i, "guess", "203.0.113." + i)
                  .statusCode())
          .isEqualTo(401);
    }
    assertThat(client.basic("/actuator/prometheus", "user99", "guess", "203.0.113.99").statusCode())
        .isEqualTo(429);
  }
}
