package org.shimwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.ServerTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/** The token buckets, with limits small enough to reach in a test. */
class RateLimitIntegrationTests extends ServerTestSupport {

  @DynamicPropertySource
  static void smallLimits(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("shimwatch-rate-test").toString();
    registry.add("shimwatch.data-dir", () -> dir);
    registry.add("shimwatch.ingest.per-installation-burst", () -> "3");
    registry.add("shimwatch.ingest.per-installation-per-minute", () -> "1");
    registry.add("shimwatch.ingest.per-key-burst", () -> "8");
    registry.add("shimwatch.ingest.per-key-per-second", () -> "0.05");
  }

  @Test
  void oneInstallationPostingInALoopGets429WithRetryAfterAndTheKeyToo() throws Exception {
    String installation = UUID.randomUUID().toString();
    int[] codes = new int[5];
    HttpResponse<String> last = null;
    for (int i = 0; i < codes.length; i++) {
      ObjectNode r = freshReport("linux-aria2c-works");
      r.put("installationId", installation);
      last = postReport(r.toString());
      codes[i] = last.statusCode();
    }

    assertThat(codes).containsExactly(202, 202, 202, 429, 429);
    assertThat(last.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    assertThat(last.body()).contains("\"reason\":\"rate-limited\"").contains("installation");

    // Other installations share the key's bucket of 8: three more pass, then the key is limited.
    int accepted = 0;
    HttpResponse<String> keyLimited = null;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = postReport(freshReport("linux-aria2c-works").toString());
      if (r.statusCode() == 202) {
        accepted++;
      } else {
        keyLimited = r;
        break;
      }
    }
    assertThat(accepted).isEqualTo(3);
    assertThat(keyLimited).isNotNull();
    assertThat(keyLimited.statusCode()).isEqualTo(429);
    assertThat(keyLimited.body()).contains("ingest key");
    assertThat(keyLimited.headers().firstValue("Retry-After")).isPresent();
  }
}
