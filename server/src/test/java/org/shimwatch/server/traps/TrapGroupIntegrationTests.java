package org.shimwatch.server.traps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Trap groups over HTTP, each test with a module name of its own. */
class TrapGroupIntegrationTests extends ServerTestSupport {

  @Test
  void aFaultMarkedFixedThatComesBackOnTheFixedVersionIsMarkedRegressed() throws Exception {
    String module = "T" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    post(trapIn(module, "0.1.0"));
    JsonNode group = find(module);
    long id = group.get("id").asLong();

    assertThat(group.get("status").asString()).isEqualTo("new");
    assertThat(group.get("signature").asString()).isEqualTo("c0000005|" + module + "|1:a1f4");
    assertThat(group.get("traps").asLong()).isEqualTo(1);

    HttpResponse<String> fixed = putStatus(id, "{\"status\":\"fixed\",\"fixedIn\":\"0.2.0\"}");
    assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
    assertThat(json(fixed).get("group").get("statusLabel").asString()).isEqualTo("fixed in 0.2.0");

    post(trapIn(module, "0.1.5"));
    assertThat(find(module).get("status").asString()).isEqualTo("fixed");

    post(trapIn(module, "0.10.0"));
    JsonNode regressed = find(module);
    assertThat(regressed.get("status").asString()).isEqualTo("regressed");
    assertThat(regressed.get("fixedIn").asString()).isEqualTo("0.2.0");
    assertThat(regressed.get("traps").asLong()).isEqualTo(3);
    assertThat(regressed.get("installations").asLong()).isEqualTo(3);
    assertThat(regressed.get("shimVersions")).hasSize(3);

    JsonNode listed =
        json(getAsAdmin("/api/v1/admin/projects/default/trap-groups?status=regressed"));
    assertThat(listed.valueStream().map(g -> g.get("id").asLong())).contains(id);
    JsonNode detail = json(getAsAdmin("/api/v1/admin/projects/default/trap-groups/" + id));
    assertThat(detail.get("examples")).hasSize(3);
    assertThat(detail.get("examples").get(0).get("shimVersion").asString()).isEqualTo("0.10.0");
  }

  @Test
  void statusChangesAreCheckedAndNeedASignIn() throws Exception {
    String module = "S" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    post(trapIn(module, "0.1.0"));
    long id = find(module).get("id").asLong();

    assertReason(putStatus(id, "{\"status\":\"regressed\"}"), 400, "status-set-by-server");
    assertReason(putStatus(id, "{\"status\":\"fixed\"}"), 400, "invalid-fixed-in");
    assertReason(
        putStatus(id, "{\"status\":\"fixed\",\"fixedIn\":\"a b\"}"), 400, "invalid-fixed-in");
    assertReason(
        putStatus(id, "{\"status\":\"acknowledged\",\"fixedIn\":\"1\"}"), 400, "invalid-fixed-in");
    assertReason(putStatus(id, "{\"status\":\"gone\"}"), 400, "invalid-status");
    assertThat(putStatus(id, "not json").statusCode()).isEqualTo(400);
    assertReason(
        putStatus(999_999_999L, "{\"status\":\"acknowledged\"}"), 404, "trap-group-not-found");
    assertReason(get("/api/v1/admin/projects/default/trap-groups"), 401, "unauthorized");
    assertReason(
        getAsAdmin("/api/v1/admin/projects/default/trap-groups?status=bogus"),
        400,
        "invalid-status");
    assertReason(getAsAdmin("/api/v1/admin/projects/nope/trap-groups"), 404, "project-not-found");
    assertThat(getAsAdmin("/api/v1/admin/projects/default/trap-groups/abc").statusCode())
        .isEqualTo(400);

    HttpResponse<String> ack = putStatus(id, "{\"status\":\"acknowledged\"}");
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(find(module).get("status").asString()).isEqualTo("acknowledged");
  }

  @Test
  void deletingAnInstallationTakesItsTrapsOutOfTheGroup() throws Exception {
    String module = "D" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    ObjectNode mine = trapIn(module, "0.1.0");
    post(mine);
    post(trapIn(module, "0.1.0"));
    assertThat(find(module).get("installations").asLong()).isEqualTo(2);

    HttpResponse<String> deleted =
        http.send(
            HttpRequest.newBuilder(
                    uri("/api/v1/installations/" + mine.get("installationId").asString()))
                .header("Shimwatch-Installation-Secret", SECRET)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(deleted.statusCode()).isEqualTo(200);
    JsonNode group = find(module);
    assertThat(group.get("installations").asLong()).isEqualTo(1);
    assertThat(group.get("traps").asLong()).isEqualTo(1);
  }

  /** The OS/2 trap example with the fault in another module and another shim version. */
  private static ObjectNode trapIn(String module, String shim) {
    ObjectNode r = freshReport("os2-bittorrent-trap-tcpip32");
    ((ObjectNode) r.at("/environment/shim")).put("version", shim);
    ObjectNode trap = (ObjectNode) r.at("/traps/0");
    trap.put("module", module + ".DLL");
    ((ObjectNode) ((ArrayNode) trap.get("frames")).get(0)).put("module", module + ".DLL");
    return r;
  }

  private JsonNode find(String module) throws Exception {
    HttpResponse<String> r = getAsAdmin("/api/v1/admin/projects/default/trap-groups");
    assertThat(r.statusCode()).isEqualTo(200);
    return json(r)
        .valueStream()
        .filter(g -> g.get("module").asString().equals(module))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group for " + module + " in " + r.body()));
  }

  private HttpResponse<String> putStatus(long id, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/admin/projects/default/trap-groups/" + id + "/status"))
            .header("Authorization", adminAuth())
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void post(ObjectNode report) throws Exception {
    HttpResponse<String> r = postReport(report.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static void assertReason(HttpResponse<String> r, int status, String reason) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r).get("reason").asString()).isEqualTo(reason);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return ReportJson.mapper().readTree(r.body());
  }
}
