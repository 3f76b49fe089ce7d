package org.shimwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ServerStartIntegrationTests extends ServerTestSupport {

  @Test
  void startsOnItsFileDatabaseAndSaysItIsHealthy() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(dataDir.resolve("shimwatch.mv.db")).exists();
  }

  @Test
  void firstStartCreatedTheDefaultProjectWithTheBootstrapKey() {
    assertThat(jdbc.queryForList("SELECT slug FROM project", String.class))
        .containsExactly("default");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ingest_key", Integer.class)).isEqualTo(1);
    // Only the hash is stored, never the key.
    assertThat(jdbc.queryForList("SELECT key_hash FROM ingest_key", String.class))
        .doesNotContain(KEY)
        .allSatisfy(h -> assertThat(h).hasSize(64));
  }

  @Test
  void metricsNeedAMaintainer() throws Exception {
    assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
    HttpResponse<String> m = getAsAdmin("/actuator/prometheus");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).contains("shimwatch_ingest_latency");
  }

  @Test
  void apiDescriptionDeclaresTheKeyAndCarriesTheExamples() throws Exception {
    HttpResponse<String> docs = get("/v3/api-docs");

    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body())
        .contains("\"/api/v1/projects/{project}/reports\"")
        .contains("\"type\":\"apiKey\"")
        .contains("\"name\":\"Shimwatch-Key\"")
        .contains("os2-bittorrent-trap-tcpip32");
    assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }
}
