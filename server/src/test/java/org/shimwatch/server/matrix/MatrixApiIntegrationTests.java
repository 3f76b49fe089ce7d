package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The matrix over HTTP. The server is shared with other test classes, so each test posts reports
 * under a client or platform name of its own and filters the matrix on it.
 */
class MatrixApiIntegrationTests extends ServerTestSupport {

  @Test
  void thePublicSeesOnlyNotEnoughDataBelowThreeInstallationsAndMaintainersSeeTheTier()
      throws Exception {
    String client = unique("KCheck");
    post(linux(client, "1.0"));
    post(linux(client, "1.0"));

    JsonNode open = json(get(matrixPath("default", "client=" + client)));
    JsonNode maintainer = json(getAsAdmin(adminMatrixPath("default", "client=" + client)));

    assertThat(open.get("cells")).hasSize(1);
    JsonNode hidden = open.get("cells").get(0);
    assertThat(hidden.get("tier").asString()).isEqualTo("not enough data");
    assertThat(hidden.has("reports")).isFalse();
    assertThat(hidden.has("installations")).isFalse();
    assertThat(hidden.has("outcomes")).isFalse();
    JsonNode shown = maintainer.get("cells").get(0);
    assertThat(shown.get("lowSample").asBoolean()).isTrue();
    assertThat(shown.get("tier").asString()).isEqualTo("mostly works");
    assertThat(shown.get("installations").asLong()).isEqualTo(2);
    assertThat(shown.get("outcomes").get("works").asLong()).isEqualTo(2);

    post(linux(client, "1.0"));
    JsonNode third = json(get(matrixPath("default", "client=" + client))).get("cells").get(0);

    assertThat(third.get("tier").asString()).isEqualTo("mostly works");
    assertThat(third.get("lowSample").asBoolean()).isFalse();
    assertThat(third.get("installations").asLong()).isEqualTo(3);
    assertThat(third.get("reports").asLong()).isEqualTo(3);
    assertThat(third.get("successLowerBound").asDouble()).isBetween(0.43, 0.44);
  }

  @Test
  void reportsWhoseShimWasInactiveAreShownApartAndNeverCountAsAShimResult() throws Exception {
    String os = unique("InactiveOS");
    ObjectNode inactive = linux("aria2c", "1.37.0");
    ((ObjectNode) inactive.at("/environment/os")).put("name", os);
    ((ObjectNode) inactive.at("/environment/shim"))
        .put("installMode", "side-dir-after-lib-dynload");
    inactive.put("outcome", "select-problem");
    post(inactive);
    for (int i = 0; i < 3; i++) {
      ObjectNode active = linux("aria2c", "1.37.0");
      ((ObjectNode) active.at("/environment/os")).put("name", os);
      post(active);
    }

    JsonNode open = json(get(matrixPath("default", "platform=" + os)));
    JsonNode maintainer = json(getAsAdmin(adminMatrixPath("default", "platform=" + os)));

    assertThat(open.get("rows")).hasSize(1);
    assertThat(open.get("rows").get(0).has("shimInactiveReports")).isFalse();
    assertThat(open.get("cells").get(0).get("reports").asLong()).isEqualTo(3);
    assertThat(open.get("cells").get(0).get("outcomes").get("selectProblem").asLong()).isZero();
    assertThat(open.get("cells").get(0).get("tier").asString()).isEqualTo("mostly works");
    assertThat(maintainer.get("rows").get(0).get("shimInactiveReports").asLong()).isEqualTo(1);
  }

  @Test
  void csvHasAHeaderAndOneQuotedLinePerCell() throws Exception {
    String client = unique("Quote, Client");
    for (int i = 0; i < 3; i++) {
      post(linux(client, "2.0"));
    }
    String query = "client=" + URLEncoder.encode(client, StandardCharsets.UTF_8);

    HttpResponse<String> csv =
        http.send(
            HttpRequest.newBuilder(uri(matrixPath("default", query)))
                .header("Accept", "text/csv")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> download = get(matrixPath("default", query + "&format=csv"));
    HttpResponse<String> json =
        http.send(
            HttpRequest.newBuilder(uri(matrixPath("default", query)))
                .header("Accept", "application/json, text/csv;q=0.5")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).isEqualTo(MatrixCsv.HEADER);
    assertThat(lines[1])
        // Linux rows are the kernel series, with no fix level (package versions are in the cells).
        .startsWith("Debian GNU/Linux 12,linux 6.1,,")
        .contains(",\"" + client + " 2.0\",mostly works,false,3,3,3,0,0,0,0,0,");
    assertThat(download.body()).isEqualTo(csv.body());
    assertThat(json.headers().firstValue("Content-Type").orElse("")).contains("json");
  }

  @Test
  void shimColumnsFilteredOnAClientCountEachShimVersionOnce() throws Exception {
    String client = unique("ShimCols");
    for (String version : new String[] {"1.0", "1.1", "1.1"}) {
      ObjectNode r = linux(client, version);
      ((ObjectNode) r.at("/environment/shim")).put("version", "0.3.0");
      post(r);
    }

    JsonNode byShim = json(getAsAdmin(adminMatrixPath("default", "columns=shim&client=" + client)));
    JsonNode oneVersion =
        json(
            getAsAdmin(
                adminMatrixPath(
                    "default", "columns=shim&client=" + client + "&clientVersion=1.1")));
    JsonNode byClientOnOneShim =
        json(getAsAdmin(adminMatrixPath("default", "client=" + client + "&shim=0.3.0")));

    assertThat(byShim.get("columnsBy").asString()).isEqualTo("shim");
    assertThat(byShim.get("columns")).hasSize(1);
    assertThat(byShim.get("columns").get(0).get("label").asString()).isEqualTo("shim 0.3.0");
    assertThat(byShim.get("cells").get(0).get("installations").asLong()).isEqualTo(3);
    assertThat(oneVersion.get("cells").get(0).get("installations").asLong()).isEqualTo(2);
    assertThat(byClientOnOneShim.get("columns")).hasSize(2);
  }

  @Test
  void badParametersGetAProblemAndAnUnknownProjectA404() throws Exception {
    HttpResponse<String> columns = get(matrixPath("default", "columns=rows"));
    HttpResponse<String> versionAlone = get(matrixPath("default", "clientVersion=1.0"));
    HttpResponse<String> tooLong = get(matrixPath("default", "stack=" + "x".repeat(300)));
    HttpResponse<String> format = get(matrixPath("default", "format=xml"));
    HttpResponse<String> unknown = get(matrixPath("no-such-project", ""));
    HttpResponse<String> unknownCsv =
        http.send(
            HttpRequest.newBuilder(uri(matrixPath("no-such-project", "")))
                .header("Accept", "text/csv")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertProblem(columns, 400, "invalid-columns");
    assertThat(json(columns).get("parameter").asString()).isEqualTo("columns");
    assertProblem(versionAlone, 400, "client-version-without-client");
    assertProblem(tooLong, 400, "invalid-filter");
    assertProblem(format, 400, "invalid-format");
    assertProblem(unknown, 404, "project-not-found");
    assertProblem(unknownCsv, 404, "project-not-found");
  }

  @Test
  void theMaintainerMatrixNeedsASignIn() throws Exception {
    HttpResponse<String> anonymous = get(adminMatrixPath("default", ""));
    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(uri(adminMatrixPath("default", "")))
                .header("Authorization", "Basic YWRtaW46d3Jvbmc=")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertProblem(anonymous, 401, "unauthorized");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(getAsAdmin(adminMatrixPath("default", "")).statusCode()).isEqualTo(200);
  }

  private void assertProblem(HttpResponse<String> r, int status, String reason) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json(r).get("reason").asString()).isEqualTo(reason);
  }

  static String matrixPath(String project, String query) {
    return "/api/v1/projects/" + project + "/matrix" + (query.isEmpty() ? "" : "?" + query);
  }

  static String adminMatrixPath(String project, String query) {
    return "/api/v1/admin/projects/" + project + "/matrix" + (query.isEmpty() ? "" : "?" + query);
  }

  static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A working aria2c report from a new installation, with this client. */
  static ObjectNode linux(String client, String version) {
    ObjectNode r = freshReport("linux-aria2c-works");
    ((ObjectNode) r.at("/environment/client")).put("name", client).put("version", version);
    return r;
  }

  private void post(ObjectNode report) throws Exception {
    HttpResponse<String> r = postReport(report.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return ReportJson.mapper().readTree(r.body());
  }
}
