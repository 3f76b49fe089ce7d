package org.shimwatch.server.publicversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.web.admin.CommentModeration;
import org.shimwatch.web.admin.CommentStatus;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public answers' validators over a real port: every one carries an ETag from the project's
 * public version and a caching rule, a current copy gets 304 with no body, and a new report, a
 * moderated comment or a trap status changes every ETag.
 */
class PublicCachingIntegrationTests extends ServerTestSupport {

  @Autowired PublicVersions versions;
  @Autowired CommentModeration moderation;
  @Autowired org.shimwatch.web.trends.TrendQuery trends;

  private String client;

  @BeforeEach
  void threeInstallations() throws Exception {
    client = "CacheClient_" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 3; i++) {
      post(report());
    }
  }

  private ObjectNode report() {
    ObjectNode r = freshReport("linux-aria2c-works");
    ((ObjectNode) r.at("/environment/client")).put("name", client).put("version", "1.0");
    return r;
  }

  private void post(ObjectNode report) throws Exception {
    HttpResponse<String> r = postReport(report.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  /** Each public answer, by path, with the Accept header it is asked with (or null). */
  private Map<String, String> publicAnswers() throws Exception {
    JsonNode m =
        ReportJson.mapper()
            .readTree(get("/api/v1/projects/default/matrix?client=" + client).body());
    String row = m.get("rows").get(0).get("key").asString();
    String column = m.get("columns").get(0).get("key").asString();
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("/", null);
    paths.put("/matrix/default", null);
    paths.put("/matrix/default?client=" + client, null);
    paths.put("/matrix/default/cell?row=" + row + "&columns=client&column=" + column, null);
    paths.put("/badge/default.svg", null);
    paths.put("/badge/default/works-on.svg?client=" + client, null);
    paths.put("/api/v1/projects/default/matrix?client=" + client, null);
    paths.put("/api/v1/projects/default/matrix?format=csv&client=" + client, null);
    paths.put("/api/v1/projects/default/matrix?client=" + client + "&", "text/csv");
    return paths;
  }

  private HttpResponse<String> ask(String path, String accept, String ifNoneMatch)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (accept != null) {
      b.header("Accept", accept);
    }
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyPublicAnswerHasAnEtagAndACurrentCopyGets304() throws Exception {
    for (Map.Entry<String, String> e : publicAnswers().entrySet()) {
      String path = e.getKey();
      HttpResponse<String> full = ask(path, e.getValue(), null);
      assertThat(full.statusCode()).as(path).isEqualTo(200);
      String etag = full.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).as(path).matches("W/\"\\d+-[0-9a-f]{16}\"");
      String cache = full.headers().firstValue("Cache-Control").orElseThrow();
      assertThat(cache)
          .as(path)
          .isEqualTo(path.startsWith("/badge") ? "max-age=300, public" : "no-cache, public");

      HttpResponse<String> again = ask(path, e.getValue(), etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).as(path).isEmpty();
      assertThat(again.headers().firstValue("ETag")).as(path).contains(etag);
      assertThat(again.headers().firstValue("Cache-Control")).as(path).contains(cache);
    }
    // JSON and CSV of the same view are two answers, and say that they vary with Accept.
    String json =
        ask("/api/v1/projects/default/matrix", null, null)
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    HttpResponse<String> csv = ask("/api/v1/projects/default/matrix", "text/csv", json);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Vary").orElse("")).contains("Accept");
  }

  @Test
  void aNewReportChangesEveryEtag() throws Exception {
    Map<String, String> before = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : publicAnswers().entrySet()) {
      before.put(
          e.getKey(),
          ask(e.getKey(), e.getValue(), null).headers().firstValue("ETag").orElseThrow());
    }
    long version = versions.version("default").orElseThrow();

    post(report());

    assertThat(versions.version("default").orElseThrow()).isGreaterThan(version);
    for (Map.Entry<String, String> e : publicAnswers().entrySet()) {
      String old = before.get(e.getKey());
      HttpResponse<String> r = ask(e.getKey(), e.getValue(), old);
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
      assertThat(r.headers().firstValue("ETag").orElseThrow()).as(e.getKey()).isNotEqualTo(old);
    }
  }

  @Test
  void theProjectPageShowsThisMonthsReportsFromTheTrendRollups() throws Exception {
    // Reports count in the month they were made: these three were made now.
    for (int i = 0; i < 3; i++) {
      ObjectNode r = report();
      r.put("createdAt", java.time.Instant.now().toString());
      post(r);
    }
    java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
    java.util.List<org.shimwatch.web.trends.MonthActivity> months =
        trends.months("default").orElseThrow();

    HttpResponse<String> page = get("/matrix/default");

    assertThat(months).hasSize(org.shimwatch.web.trends.TrendQuery.MONTHS);
    org.shimwatch.web.trends.MonthActivity thisMonth = months.get(months.size() - 1);
    assertThat(thisMonth.month()).isEqualTo(now);
    assertThat(thisMonth.reports()).isGreaterThanOrEqualTo(3);
    assertThat(thisMonth.installations()).isGreaterThanOrEqualTo(3);
    assertThat(page.body())
        .contains("Installations and reports per month")
        .contains(
            ">"
                + now.format(
                    java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.ROOT))
                + "<")
        .contains(">" + org.shimwatch.web.chart.Format.count(thisMonth.reports()) + " reports<");
  }

  @Test
  void approvingACommentMovesTheVersion() throws Exception {
    ObjectNode r = report();
    post(r);
    UUID reportId = UUID.fromString(r.get("reportId").asString());
    long before = versions.version("default").orElseThrow();

    moderation.decide("default", reportId, CommentStatus.APPROVED);

    assertThat(versions.version("default").orElseThrow()).isEqualTo(before + 1);
  }

  @Test
  void theMaintainersMatrixIsNeverKeptAndAnUnknownProjectHasNoEtag() throws Exception {
    HttpResponse<String> admin =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/admin/projects/default/matrix"))
                .header("Authorization", adminAuth())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unknown = ask("/matrix/no-such-project", null, "*");

    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.headers().firstValue("ETag")).isEmpty();
    assertThat(admin.headers().firstValue("Cache-Control").orElseThrow())
        .contains("no-store")
        .contains("private");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("ETag")).isEmpty();
    assertThat(List.of(unknown.headers().firstValue("Cache-Control").orElse("")))
        .noneMatch(c -> c.contains("public"));
  }
}
