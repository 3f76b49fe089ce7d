package org.shimwatch.server.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.server.check.CheckData;
import tools.jackson.databind.JsonNode;

/** The maintainers' advice on the "will it work?" answer, through the real check API. */
class AdviceOnCheckIntegrationTests extends ServerTestSupport {

  private HttpResponse<String> check(String project, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/projects/" + project + "/check"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @org.springframework.beans.factory.annotation.Autowired AdviceService adviceService;

  @Test
  void theMaintainersAdviceForTheSetupIsOnTheAnswer() throws Exception {
    String project = CheckData.project("http://127.0.0.1:" + port, adminAuth(), "check-advice");
    String noNewstack = "Install NEWSTACK " + java.util.UUID.randomUUID();
    String otherStack = "Linux only " + java.util.UUID.randomUUID();
    adviceService.create(
        project,
        new org.shimwatch.web.advice.AdviceDraft(
            noNewstack,
            "Without the NEWSTACK update select() hangs; install it.",
            new org.shimwatch.web.advice.AppliesTo(
                "os2-tcpip", null, null, "newstack:NEWSTACK", false, null, null, null, null),
            "1.2"),
        "admin");
    adviceService.create(
        project,
        new org.shimwatch.web.advice.AdviceDraft(
            otherStack,
            "Not for OS/2.",
            new org.shimwatch.web.advice.AppliesTo(
                "linux-tcp", null, null, null, null, null, null, null, null),
            null),
        "admin");
    JsonNode without =
        ReportJson.mapper()
            .readTree(
                check(
                        project,
                        "{\"platform\":\"eComStation 1.1\",\"stack\":\"os2-tcpip 4.3\","
                            + "\"fixes\":[\"UN02200\"]}")
                    .body());
    List<String> titles = new java.util.ArrayList<>();
    without.get("advice").forEach(a -> titles.add(a.get("title").asString()));
    assertThat(titles).contains(noNewstack).doesNotContain(otherStack);
    JsonNode with =
        ReportJson.mapper()
            .readTree(
                check(
                        project,
                        "{\"platform\":\"eComStation 1.1\",\"stack\":\"os2-tcpip 4.3\","
                            + "\"fixes\":[\"UN02200\",\"NEWSTACK\"]}")
                    .body());
    List<String> withTitles = new java.util.ArrayList<>();
    with.get("advice").forEach(a -> withTitles.add(a.get("title").asString()));
    assertThat(withTitles).doesNotContain(noNewstack, otherStack);
  }

  @Test
  void writingAdviceChangesThePublicPagesETag() throws Exception {
    String project = CheckData.project("http://127.0.0.1:" + port, adminAuth(), "advice-etag");
    String before = get("/matrix/" + project).headers().firstValue("ETag").orElseThrow();
    assertThat(get("/matrix/" + project).headers().firstValue("ETag")).hasValue(before);
    adviceService.create(
        project,
        new org.shimwatch.web.advice.AdviceDraft(
            "Known issue " + java.util.UUID.randomUUID(),
            "Use the NEWSTACK update.",
            new org.shimwatch.web.advice.AppliesTo(
                "os2-tcpip", null, null, null, null, null, null, null, null),
            null),
        "admin");
    HttpResponse<String> after = get("/matrix/" + project);
    assertThat(after.headers().firstValue("ETag"))
        .isPresent()
        .isNotEqualTo(java.util.Optional.of(before));
    assertThat(after.body()).contains("known issue");
  }
}
