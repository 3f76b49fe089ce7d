package org.shimwatch.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class InstallationDeletionIntegrationTests extends ServerTestSupport {

  @Test
  void aUserDeletesEverythingTheirInstallationSentWithItsSecretAlone() throws Exception {
    String mine = UUID.randomUUID().toString();
    for (String example : new String[] {"linux-aria2c-works", "select-problem-histograms"}) {
      ObjectNode r = freshReport(example);
      r.put("installationId", mine);
      assertThat(postReport(r.toString()).statusCode()).isEqualTo(202);
    }
    assertThat(postReport(freshReport("linux-aria2c-works").toString()).statusCode())
        .isEqualTo(202);
    int others =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM report WHERE installation_id <> ?",
            Integer.class,
            UUID.fromString(mine));

    HttpResponse<String> wrongSecret = delete(mine, "not-my-secret-000000000");
    HttpResponse<String> deleted = delete(mine, SECRET);
    HttpResponse<String> again = delete(mine, SECRET);

    assertThat(wrongSecret.statusCode()).isEqualTo(403);
    assertThat(deleted.statusCode()).isEqualTo(200);
    JsonNode body = ReportJson.mapper().readTree(deleted.body());
    assertThat(body.get("installationId").asString()).isEqualTo(mine);
    assertThat(body.get("reportsDeleted").asInt()).isEqualTo(2);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM report WHERE installation_id = ?",
                Integer.class,
                UUID.fromString(mine)))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM report WHERE installation_id <> ?",
                Integer.class,
                UUID.fromString(mine)))
        .isEqualTo(others);
  }

  private HttpResponse<String> delete(String installation, String secret) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(IngestProtocol.installationPath(installation)))
            .header(IngestProtocol.INSTALLATION_SECRET_HEADER, secret)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
