package org.shimwatch.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.server.project.ProjectService;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/** The comment moderation queue over real HTTP, with the decisions read back from the database. */
class CommentModerationIntegrationTests extends ServerTestSupport {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String ATTR = "\" onmouseover=\"alert(2)";

  @Autowired ProjectService projectService;

  private PageSession page;

  @BeforeEach
  void signIn() throws Exception {
    page = PageSession.signedIn(this::uri);
  }

  @Test
  void aPendingCommentFromAManualReportIsApprovedThenRejected() throws Exception {
    UUID report = manualReport("stalls after an hour " + SCRIPT);
    assertThat(status(report)).isEqualTo("pending");

    page.get("/maintainer/comments?project=default");
    HttpResponse<String> approved =
        page.post(
            "/maintainer/comments/" + report + "?project=default",
            Map.of("decision", "approved", "show", "pending", "page", "1"));
    assertThat(approved.statusCode()).isEqualTo(303);
    assertThat(page.follow(approved).body()).contains("is approved and shown publicly");
    assertThat(status(report)).isEqualTo("approved");

    HttpResponse<String> decided = page.get("/maintainer/comments?project=default&show=decided");
    assertThat(decided.body())
        .contains("stalls after an hour &lt;script&gt;")
        .doesNotContain(SCRIPT)
        .contains("/maintainer/reports/" + report);

    HttpResponse<String> rejected =
        page.post(
            "/maintainer/comments/" + report,
            Map.of("decision", "rejected", "show", "decided", "page", "1"));
    assertThat(rejected.statusCode()).isEqualTo(303);
    assertThat(rejected.headers().firstValue("Location").orElse("")).contains("show=decided");
    assertThat(status(report)).isEqualTo("rejected");
  }

  @Test
  void theQueueListsPendingCommentsOldestFirstFiftyAPageEscaped() throws Exception {
    // Sorts after "default": a page without ?project= shows the first project, and the other test
    // classes in this run share the database.
    String project = "zc-" + UUID.randomUUID().toString().substring(0, 8);
    projectService.create(project, null);
    String key = projectService.createKey(project, "test", null).plainKey();
    List<UUID> sent = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      sent.add(ingest(project, key, "comment number " + i + " " + SCRIPT + ATTR));
    }
    UUID noComment = ingest(project, key, null);

    HttpResponse<String> first = page.get("/maintainer/comments?project=" + project);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body())
        .contains("comment number 0 &lt;script&gt;")
        .contains("comment number 49 ")
        .doesNotContain("comment number 50 ")
        .doesNotContain(SCRIPT)
        .doesNotContain(ATTR)
        .contains("Page 1 of 2 (51 comments)");
    assertThat(first.body().indexOf("comment number 0 "))
        .isLessThan(first.body().indexOf("comment number 1 "));
    HttpResponse<String> second = page.get("/maintainer/comments?project=" + project + "&page=2");
    assertThat(second.body()).contains("comment number 50 ").doesNotContain("comment number 0 ");
    assertThat(page.get("/maintainer/comments?project=" + project + "&page=3").statusCode())
        .isEqualTo(404);

    HttpResponse<String> refused =
        page.post(
            "/maintainer/comments/" + noComment + "?project=" + project,
            Map.of("decision", "approved"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("This report has no comment");
    assertThat(status(noComment)).isEqualTo("none");

    HttpResponse<String> missing =
        page.post(
            "/maintainer/comments/" + UUID.randomUUID() + "?project=" + project,
            Map.of("decision", "approved"));
    assertThat(missing.statusCode()).isEqualTo(404);
    HttpResponse<String> otherProject =
        page.post(
            "/maintainer/comments/" + sent.get(0) + "?project=default",
            Map.of("decision", "approved"));
    assertThat(otherProject.statusCode()).as("a report of another project").isEqualTo(404);
    assertThat(status(sent.get(0))).isEqualTo("pending");

    page.get("/maintainer/comments?project=" + project);
    HttpResponse<String> rejected =
        page.post(
            "/maintainer/comments/" + sent.get(0) + "?project=" + project,
            Map.of("decision", "rejected", "page", "2"));
    assertThat(rejected.headers().firstValue("Location").orElse(""))
        .as("the queue now fits one page")
        .doesNotContain("page=");
    assertThat(status(sent.get(0))).isEqualTo("rejected");
    assertThat(page.follow(rejected).body())
        .contains("is rejected and never shown publicly")
        .contains("comment number 50 ")
        .doesNotContain("comment number 0 ")
        .doesNotContain("Page 1 of 2");
  }

  @Test
  void badInputIsRefusedWithoutA5xx() throws Exception {
    page.get("/maintainer/comments");
    for (String path :
        List.of(
            "/maintainer/comments?page=0",
            "/maintainer/comments?page=-3",
            "/maintainer/comments?page=abc",
            "/maintainer/comments?page=99999999999",
            "/maintainer/comments?show=everything",
            "/maintainer/comments?project=nope",
            "/maintainer/comments?page=100000")) {
      int code = page.get(path).statusCode();
      assertThat(code).as(path).isBetween(400, 499);
    }
    page.get("/maintainer/comments");
    assertThat(
            page.post("/maintainer/comments/not-a-uuid", Map.of("decision", "approved"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            page.post("/maintainer/comments/" + UUID.randomUUID(), Map.of("decision", "maybe"))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anonymousDecisionsAreRefusedAndChangeNothing() throws Exception {
    UUID report = ingest("default", KEY, "anonymous must not approve this");
    PageSession anonymous = new PageSession(this::uri);
    anonymous.get("/login");

    HttpResponse<String> withToken =
        anonymous.post("/maintainer/comments/" + report, Map.of("decision", "approved"));
    HttpResponse<String> without =
        anonymous.postRaw("/maintainer/comments/" + report, Map.of("decision", "approved"));

    assertThat(withToken.statusCode()).isEqualTo(302);
    assertThat(withToken.headers().firstValue("Location").orElse("")).endsWith("/login");
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(anonymous.get("/maintainer/comments").statusCode()).isEqualTo(302);
    assertThat(status(report)).isEqualTo("pending");
  }

  private UUID manualReport(String comment) throws Exception {
    PageSession visitor = new PageSession(this::uri);
    visitor.get("/report/new");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("outcome", "select-problem");
    form.put("clientName", "BitTorrent");
    form.put("clientVersion", "3.4.2");
    form.put("comment", comment);
    form.put("pasted", "");
    form.put("website", "");
    HttpResponse<String> sent = visitor.post("/report/submit", form);
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("your report is stored");
    return jdbc.queryForObject(
        "SELECT report_id FROM report WHERE comment_text = ?", UUID.class, comment);
  }

  private UUID ingest(String project, String key, String comment) throws Exception {
    ObjectNode r = freshReport("linux-aria2c-works");
    if (comment == null) {
      r.remove("comment");
    } else {
      r.put("comment", comment);
    }
    HttpResponse<String> answer =
        send(
            reportRequest(project, key, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(r.toString())));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return UUID.fromString(r.get("reportId").asString());
  }

  private String status(UUID report) {
    return jdbc.queryForObject(
        "SELECT comment_status FROM report WHERE report_id = ?", String.class, report);
  }
}
