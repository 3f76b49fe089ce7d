package org.shimwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

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
    JsonNode responses =
        ReportJson.mapper()
            .readTree(docs.body())
            .at("/paths/~1api~1v1~1projects~1{project}~1reports/post/responses");
    for (String status : List.of("202", "200", "400", "401", "403", "413", "415", "429")) {
      assertThat(responses.has(status)).as("the ingest endpoint documents %s", status).isTrue();
    }
    assertThat(responses.at("/202/content/application~1json/schema/$ref").asString())
        .isEqualTo("#/components/schemas/Receipt");
    assertThat(responses.at("/400/content/application~1problem+json/schema/$ref").asString())
        .isEqualTo("#/components/schemas/Problem");
    assertThat(responses.at("/429/headers/Retry-After").isMissingNode()).isFalse();
    JsonNode deletion =
        ReportJson.mapper()
            .readTree(docs.body())
            .at("/paths/~1api~1v1~1installations~1{id}/delete/responses");
    for (String status : List.of("200", "400", "401", "403", "404")) {
      assertThat(deletion.has(status)).as("the deletion endpoint documents %s", status).isTrue();
    }
    assertThat(docs.body()).contains("\"Receipt\":{").contains("\"Problem\":{");
    JsonNode api = ReportJson.mapper().readTree(docs.body());
    // Every reference inside the description leads somewhere.
    List<String> refs = new java.util.ArrayList<>();
    collectRefs(api, refs);
    assertThat(refs).contains("#/components/schemas/Report", "#/components/schemas/Report.trap");
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(api.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
    }
    // The contract's examples are the reports themselves, and its schema is the contract's.
    for (String name : ReportExamples.NAMES) {
      assertThat(api.at("/components/examples/" + name + "/value"))
          .isEqualTo(ReportJson.mapper().readTree(ReportExamples.text(name)));
    }
    assertThat(api.at("/components/schemas/Report/required").valueStream().map(JsonNode::asString))
        .contains("reportId", "installationId", "consentLevel", "environment");
    assertThat(api.at("/components/schemas/Report.uuid/pattern").asString())
        .isEqualTo(
            ReportJson.mapper()
                .readTree(org.shimwatch.report.ReportValidator.schemaText())
                .at("/$defs/uuid/pattern")
                .asString());
    assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      for (var e : node.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isString()) {
          out.add(e.getValue().asString());
        } else {
          collectRefs(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, out));
    }
  }
}
