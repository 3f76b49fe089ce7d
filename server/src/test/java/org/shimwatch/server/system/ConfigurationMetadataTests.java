package org.shimwatch.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The build describes every shimwatch.* setting for IDEs and operators, from the code's own docs.
 */
class ConfigurationMetadataTests {

  @Test
  void everySettingIsDescribedWithItsTypeAndDefault() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's output").isNotNull();
      metadata = JsonMapper.builder().build().readTree(in);
    }
    Map<String, JsonNode> properties = new HashMap<>();
    for (JsonNode p : metadata.path("properties")) {
      properties.put(p.path("name").asString(), p);
    }
    assertThat(properties)
        .containsKeys(
            "shimwatch.data-dir",
            "shimwatch.admin-password",
            "shimwatch.ingest.max-body-bytes",
            "shimwatch.ingest.tracked-clients",
            "shimwatch.retention.raw-reports",
            "shimwatch.matrix.min-installations");
    JsonNode maxBody = properties.get("shimwatch.ingest.max-body-bytes");
    assertThat(maxBody.path("type").asString()).isEqualTo("java.lang.Integer");
    assertThat(maxBody.path("defaultValue").asInt()).isEqualTo(262144);
    assertThat(maxBody.path("description").asString()).contains("largest report");
    assertThat(properties.values())
        .filteredOn(p -> p.path("name").asString().startsWith("shimwatch."))
        .allSatisfy(p -> assertThat(p.path("description").asString()).isNotBlank());
  }
}
