package org.shimwatch.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A first start without a chosen password, as a new operator's server makes it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FirstOwnerPasswordIntegrationTests {

  private static final Path dataDir;

  static {
    try {
      dataDir = Files.createTempDirectory("shimwatch-first-start");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    registry.add("shimwatch.data-dir", dataDir::toString);
    registry.add("shimwatch.admin-password", () -> "");
  }

  @LocalServerPort int port;

  @Test
  void theGeneratedPasswordGoesToAFileOnlyTheServerCanReadAndNeverToTheLog(CapturedOutput output)
      throws Exception {
    Path file = dataDir.resolve(FirstStart.PASSWORD_FILE);
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(dataDir.resolve(FirstStart.PASSWORD_FILE + ".tmp")).doesNotExist();
    String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
    assertThat(password).hasSize(24);

    // The capture starts before the test instance (and so the server) is made.
    assertThat(output.getAll())
        .contains("Created maintainer 'admin'; its password is in " + file.toAbsolutePath())
        .doesNotContain(password);

    HttpClient http = HttpClient.newHttpClient();
    assertThat(metrics(http, "admin:" + password).statusCode()).isEqualTo(200);
    assertThat(metrics(http, "admin:" + password + "x").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> metrics(HttpClient http, String credentials)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
