package org.shimwatch.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Trap groups through the maintainer pages, checked against the admin API. */
class TrapGroupPagesIntegrationTests extends ServerTestSupport {

  private String module;
  private long id;
  private PageSession page;

  @BeforeEach
  void aGroup() throws Exception {
    module = "P" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    HttpResponse<String> r = postReport(trapIn(module, "0.1.0").toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    id = group().get("id").asLong();
    page = PageSession.signedIn(this::uri);
  }

  @Test
  void theListAndDetailShowTheGroupAndItsReports() throws Exception {
    HttpResponse<String> list = page.get("/maintainer/traps?project=default&status=new");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains(module)
        .contains("/maintainer/traps/" + id + "?project=default")
        .contains("Sign out");

    HttpResponse<String> detail = page.get("/maintainer/traps/" + id + "?project=default");
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body())
        .contains("c0000005|" + module + "|1:a1f4")
        .contains("/maintainer/reports/")
        .contains("name=\"_csrf\"");
  }

  @Test
  void markingFixedOnThePageIsWhatTheApiReportsAndBadVersionsChangeNothing() throws Exception {
    page.get("/maintainer/traps/" + id + "?project=default");
    HttpResponse<String> fixed =
        page.post(
            "/maintainer/traps/" + id + "/status?project=default",
            Map.of("status", "fixed", "fixedIn", "0.2.0"));

    assertThat(fixed.statusCode()).isEqualTo(303);
    assertThat(fixed.headers().firstValue("Location").orElse(""))
        .endsWith("/maintainer/traps/" + id + "?project=default");
    assertThat(page.follow(fixed).body()).contains("Status set to fixed in 0.2.0.");
    JsonNode g = group();
    assertThat(g.get("status").asString()).isEqualTo("fixed");
    assertThat(g.get("fixedIn").asString()).isEqualTo("0.2.0");

    HttpResponse<String> bad =
        page.post(
            "/maintainer/traps/" + id + "/status?project=default",
            Map.of("status", "fixed", "fixedIn", "0.3 <b>beta</b>"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("A shim version is 1 to 64 letters")
        .contains("0.3 &lt;b&gt;beta&lt;/b&gt;")
        .doesNotContain("<b>beta");
    HttpResponse<String> regressed =
        page.post(
            "/maintainer/traps/" + id + "/status?project=default", Map.of("status", "regressed"));
    assertThat(regressed.statusCode()).isEqualTo(400);
    assertThat(group().get("fixedIn").asString()).isEqualTo("0.2.0");
    assertThat(group().get("status").asString()).isEqualTo("fixed");

    HttpResponse<String> back =
        page.post("/maintainer/traps/" + id + "/status?project=default", Map.of("status", "new"));
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(group().get("status").asString()).isEqualTo("new");
    assertThat(group().has("fixedIn")).isFalse();
  }

  @Test
  void aRegressedGroupSaysSoOnItsPage() throws Exception {
    page.get("/maintainer/traps/" + id);
    page.post("/maintainer/traps/" + id + "/status", Map.of("status", "fixed", "fixedIn", "0.2.0"));
    postReport(trapIn(module, "0.2.1").toString());

    HttpResponse<String> detail = page.get("/maintainer/traps/" + id);
    assertThat(detail.body())
        .contains("Regressed: this fault came back")
        .contains("regressed (was fixed in 0.2.0)");
    assertThat(page.get("/maintainer/traps?status=regressed").body()).contains(module);
  }

  @Test
  void unknownGroupsAndProjectsAreNotFoundAndBadInputIsRefusedWithout5xx() throws Exception {
    assertThat(page.get("/maintainer/traps/999999999").statusCode()).isEqualTo(404);
    assertThat(page.get("/maintainer/traps?project=nope").statusCode()).isEqualTo(404);
    assertThat(page.get("/maintainer/traps?status=bogus").statusCode()).isEqualTo(400);
    assertThat(page.get("/maintainer/traps/abc").statusCode()).isEqualTo(400);
    page.get("/maintainer/traps/" + id);
    assertThat(
            page.post("/maintainer/traps/999999999/status", Map.of("status", "acknowledged"))
                .statusCode())
        .isEqualTo(404);
    assertThat(page.post("/maintainer/traps/" + id + "/status", Map.of()).statusCode())
        .isEqualTo(400);
    assertThat(
            page.post(
                    "/maintainer/traps/" + id + "/status",
                    Map.of("status", "acknowledged", "fixedIn", "1.0"))
                .statusCode())
        .isEqualTo(400);
    assertThat(group().get("status").asString()).isEqualTo("new");
  }

  @Test
  void anonymousPostsAreRefusedAndChangeNothing() throws Exception {
    PageSession anonymous = new PageSession(this::uri);
    anonymous.get("/login");

    HttpResponse<String> withToken =
        anonymous.post("/maintainer/traps/" + id + "/status", Map.of("status", "acknowledged"));
    HttpResponse<String> without =
        anonymous.postRaw("/maintainer/traps/" + id + "/status", Map.of("status", "acknowledged"));
    page.get("/maintainer/traps/" + id);
    HttpResponse<String> maintainersToken =
        anonymous.postRaw(
            "/maintainer/traps/" + id + "/status",
            Map.of("status", "acknowledged", "_csrf", page.token()));

    assertThat(withToken.statusCode()).isEqualTo(302);
    assertThat(withToken.headers().firstValue("Location").orElse("")).endsWith("/login");
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(maintainersToken.statusCode()).isEqualTo(403);
    assertThat(group().get("status").asString()).isEqualTo("new");
  }

  private JsonNode group() throws Exception {
    HttpResponse<String> r = getAsAdmin("/api/v1/admin/projects/default/trap-groups");
    assertThat(r.statusCode()).isEqualTo(200);
    return ReportJson.mapper()
        .readTree(r.body())
        .valueStream()
        .filter(g -> g.get("module").asString().equals(module))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group for " + module));
  }

  /** The OS/2 trap example with the fault in a module of its own. */
  static ObjectNode trapIn(String module, String shim) {
    ObjectNode r = freshReport("os2-bittorrent-trap-tcpip32");
    ((ObjectNode) r.at("/environment/shim")).put("version", shim);
    ObjectNode trap = (ObjectNode) r.at("/traps/0");
    trap.put("module", module + ".DLL");
    ((ObjectNode) ((ArrayNode) trap.get("frames")).get(0)).put("module", module + ".DLL");
    return r;
  }
}
