package org.shimwatch.server.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/projects/{project}/check} against the running server: a paste answered from
 * the matrix, garbage answered with what could not be read, bad questions refused with a problem
 * document (never a 5xx), and nothing stored by any of it.
 */
class CheckApiIntegrationTests extends ServerTestSupport {

  private static String project;

  @BeforeEach
  void data() throws Exception {
    if (project == null) {
      project = CheckData.project("http://127.0.0.1:" + port, adminAuth(), "check-api");
    }
  }

  private HttpResponse<String> check(String project, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/projects/" + project + "/check"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String pasted(String text) {
    ObjectNode q = ReportJson.mapper().createObjectNode();
    q.put("pasted", text);
    return q.toString();
  }

  @Test
  void aPasteGetsItsRowTheNearestRowAndTheFixThatGoesWithSuccess() throws Exception {
    // The paste names the stack, its level and PYTHONPATH, but not the system: that is picked.
    ObjectNode q = ReportJson.mapper().createObjectNode();
    q.put("pasted", CheckData.resource("synthetic-pasted-mix.txt"));
    q.put("platform", "eComStation 1.1");
    HttpResponse<String> r = check(project, q.toString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode a = ReportJson.mapper().readTree(r.body());
    assertThat(a.get("readable").asBoolean()).isTrue();
    assertThat(a.get("stored").asBoolean()).isFalse();
    assertThat(a.at("/setup/platform").asString()).isEqualTo("eComStation 1.1");
    assertThat(a.at("/setup/stack").asString()).isEqualTo("os2-tcpip 4.3");
    assertThat(a.at("/setup/fixLevel").asString()).isEqualTo("UN02200, no NEWSTACK");
    assertThat(a.at("/row/tier").asString()).isEqualTo("broken");
    assertThat(a.at("/row/installations").asLong()).isEqualTo(3);
    assertThat(a.at("/nearest/0/fixLevel").asString()).isEqualTo("UN02200 + NEWSTACK");
    assertThat(a.at("/nearest/0/tier").asString()).isEqualTo("works");
    assertThat(a.at("/nearest/0/distance").asString()).contains("same stack");
    assertThat(a.at("/bestMissingFix/fix").asString()).isEqualTo("newstack:NEWSTACK");
    assertThat(a.at("/bestMissingFix/with/successes").asLong()).isEqualTo(18);
    assertThat(a.at("/bestMissingFix/with/lower").asDouble()).isGreaterThan(0.8);
    assertThat(a.at("/bestMissingFix/without/successes").asLong()).isZero();
    assertThat(a.at("/install/strategy").asString()).isEqualTo("inactive");
    assertThat(a.get("advice").isArray()).isTrue();
    assertThat(r.body()).contains("TCPIP32.DLL").contains("TCP/IP 4.21 or later");
  }

  @Test
  void pickedPlatformStackAndFixesFindTheSameRows() throws Exception {
    HttpResponse<String> r =
        check(
            project,
            "{\"platform\":\"eComStation 1.1\",\"stack\":\"os2-tcpip 4.3\","
                + "\"fixes\":[\"UN02200\",\"NEWSTACK\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode a = ReportJson.mapper().readTree(r.body());
    assertThat(a.at("/row/tier").asString()).isEqualTo("works");
    assertThat(a.at("/yourFixes/1/fix").asString()).isEqualTo("newstack:NEWSTACK");
    assertThat(a.at("/yourFixes/1/goesWithSuccess").asBoolean()).isTrue();
    assertThat(a.at("/nearest/0/fixLevel").asString()).isEqualTo("UN02200, no NEWSTACK");
  }

  @Test
  void garbageIsAnsweredWithWhatCouldNotBeRead() throws Exception {
    HttpResponse<String> r = check(project, pasted("lorem ipsum\n<b>dolor</b> sit amet\n"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode a = ReportJson.mapper().readTree(r.body());
    assertThat(a.get("readable").asBoolean()).isFalse();
    assertThat(a.get("unread").size()).isPositive();
    assertThat(a.has("setup")).isFalse();
  }

  @Test
  void badQuestionsGetAProblemDocumentNeverA5xx() throws Exception {
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("", "nothing-to-check");
    reasons.put("{}", "nothing-to-check");
    reasons.put("{not json", "invalid-json");
    reasons.put("[1,2]", "invalid-json");
    reasons.put("{\"pasted\":42}", "invalid-field");
    reasons.put("{\"paste\":\"x\"}", "unknown-field");
    reasons.put("{\"fixes\":{\"a\":1}}", "invalid-field");
    reasons.put("{\"fixes\":\"UN02200 <script>\"}", "invalid-fix");
    reasons.put("{\"platform\":\"Plan 9\"}", "unknown-platform");
    reasons.put("{\"platform\":\"os2\",\"stack\":\"warp speed\"}", "unknown-stack");
    reasons.put("{\"environment\":\"linux\"}", "invalid-environment");
    reasons.put("{\"environment\":{\"os\":{\"family\":\"amiga\"}}}", "invalid-environment");
    reasons.put(
        "{\"environment\":{\"os\":{\"family\":\"os2\"},\"extra\":1}}", "invalid-environment");
    reasons.put(pasted("x".repeat(200_001)), "paste-too-long");
    for (Map.Entry<String, String> e : reasons.entrySet()) {
      HttpResponse<String> r = check(project, e.getKey());
      String question = e.getKey().length() > 80 ? e.getKey().substring(0, 80) + "…" : e.getKey();
      assertThat(r.statusCode())
          .as(question + " -> " + r.body().substring(0, Math.min(300, r.body().length())))
          .isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .contains("application/problem+json");
      assertThat(ReportJson.mapper().readTree(r.body()).get("reason").asString())
          .as(question)
          .isEqualTo(e.getValue());
    }
    HttpResponse<String> huge = check(project, pasted("x".repeat(400_000)));
    assertThat(huge.statusCode()).isEqualTo(413);
    HttpResponse<String> unknown = check("no-such-project", "{\"platform\":\"os2\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void aCheckStoresNothing() throws Exception {
    Map<String, Long> before = CheckData.rowCounts(jdbc);
    List<String> questions =
        List.of(
            pasted(CheckData.resource("synthetic-pasted-mix.txt")),
            pasted("garbage\n"),
            "{\"platform\":\"os2\",\"stack\":\"4.3\",\"fixes\":\"UN02200\",\"client\":\"BitTorrent\"}",
            "{\"fixes\":\"<bad>\"}");
    for (String q : questions) {
      check(project, q);
    }
    assertThat(CheckData.rowCounts(jdbc)).isEqualTo(before);
  }
}
