package org.shimwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.testing.PrivacySample;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class IngestIntegrationTests extends ServerTestSupport {

  @Test
  void aValidReportIsCommittedAndAnsweredWith202AndAReceipt() throws Exception {
    ObjectNode report = freshReport("linux-aria2c-works");
    int before = reportRows();

    HttpResponse<String> r = postReport(report.toString());

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    // Sent with its length, not in chunks.
    assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(r.headers().firstValueAsLong("Content-Length"))
        .hasValue(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    JsonNode receipt = ReportJson.mapper().readTree(r.body());
    assertThat(receipt.get("reportId").asString()).isEqualTo(report.get("reportId").asString());
    assertThat(java.time.Instant.parse(receipt.get("receivedAt").asString()))
        .isBeforeOrEqualTo(java.time.Instant.now());
    assertThat(receipt.get("duplicate").asBoolean()).isFalse();
    assertThat(reportRows()).isEqualTo(before + 1);
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT outcome, client_name, install_mode, fixes_key, comment_status, raw_json"
                + " FROM report WHERE report_id = ?",
            java.util.UUID.fromString(report.get("reportId").asString()));
    assertThat(row.get("OUTCOME")).isEqualTo("works");
    assertThat(row.get("CLIENT_NAME")).isEqualTo("aria2c");
    assertThat(row.get("INSTALL_MODE")).isEqualTo("preload");
    assertThat(row.get("FIXES_KEY"))
        .isEqualTo("package:libc6=2.36-9+deb12u9,package:linux-image-6.1.0-27-amd64=6.1.115-1");
    assertThat(row.get("COMMENT_STATUS")).isEqualTo("pending");
    assertThat((String) row.get("RAW_JSON")).contains("epoll_wait");
  }

  @Test
  void theSameReportAgainGetsTheOriginalReceiptAndNoSecondRow() throws Exception {
    String body = freshReport("select-problem-histograms").toString();
    HttpResponse<String> first = postReport(body);
    int rows = reportRows();

    HttpResponse<String> again = postReport(body);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode a = ReportJson.mapper().readTree(first.body());
    JsonNode b = ReportJson.mapper().readTree(again.body());
    assertThat(b.get("receivedAt")).isEqualTo(a.get("receivedAt"));
    assertThat(b.get("duplicate").asBoolean()).isTrue();
    assertThat(reportRows()).isEqualTo(rows);
  }

  @Test
  void eightThreadsPostingOneReportMakeExactlyOneRow() throws Exception {
    String body = freshReport("os2-bittorrent-trap-tcpip32").toString();
    String id = ReportJson.mapper().readTree(body).get("reportId").asString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        posts.add(() -> postReport(body));
      }
      List<Integer> codes = new ArrayList<>();
      List<String> receivedAt = new ArrayList<>();
      for (Future<HttpResponse<String>> f : pool.invokeAll(posts)) {
        codes.add(f.get().statusCode());
        receivedAt.add(ReportJson.mapper().readTree(f.get().body()).get("receivedAt").asString());
      }

      assertThat(codes).containsOnly(200, 202);
      assertThat(codes).containsOnlyOnce(202);
      assertThat(receivedAt).containsOnly(receivedAt.get(0));
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM report WHERE report_id = ?",
                  Integer.class,
                  java.util.UUID.fromString(id)))
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInvalidReportGets400ProblemJsonWithEveryPointer() throws Exception {
    ObjectNode report = freshReport("linux-aria2c-works");
    report.put("outcome", "crashed");
    report.put("consentLevel", 7);
    int before = reportRows();

    HttpResponse<String> r = postReport(report.toString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = ReportJson.mapper().readTree(r.body());
    assertThat(problem.get("reason").asString()).isEqualTo("invalid-report");
    List<String> pointers = new ArrayList<>();
    problem.get("violations").forEach(v -> pointers.add(v.get("pointer").asString()));
    assertThat(pointers).contains("/outcome", "/consentLevel");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    assertThat(reportRows()).isEqualTo(before);
  }

  @Test
  void missingOrUnknownKeysGet401() throws Exception {
    String body = freshReport("linux-aria2c-works").toString();

    HttpResponse<String> none =
        send(
            reportRequest("default", null, SECRET).POST(HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> unknown =
        send(
            reportRequest("default", "swk_not_a_key_anyone_has", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(reason(none)).isEqualTo("missing-key");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(reason(unknown)).isEqualTo("unknown-key");
  }

  @Test
  void revokedKeysAndKeysOfOtherProjectsGet403() throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/admin/projects"))
                .header("Authorization", adminAuth())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"slug\":\"other-shim\",\"name\":\"Other\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode newKey =
        ReportJson.mapper()
            .readTree(
                http.send(
                        HttpRequest.newBuilder(uri("/api/v1/admin/projects/other-shim/keys"))
                            .header("Authorization", adminAuth())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"ci\"}"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    String otherKey = newKey.get("key").asString();
    String body = freshReport("linux-aria2c-works").toString();

    HttpResponse<String> wrongProject =
        send(
            reportRequest("default", otherKey, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> rightProject =
        send(
            reportRequest("other-shim", otherKey, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> revoke =
        http.send(
            HttpRequest.newBuilder(
                    uri("/api/v1/admin/projects/other-shim/keys/" + newKey.get("id").asLong()))
                .header("Authorization", adminAuth())
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> afterRevoke =
        send(
            reportRequest("other-shim", otherKey, SECRET)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        freshReport("linux-aria2c-works").toString())));

    assertThat(wrongProject.statusCode()).isEqualTo(403);
    assertThat(reason(wrongProject)).isEqualTo("wrong-project");
    assertThat(rightProject.statusCode()).isEqualTo(202);
    assertThat(revoke.statusCode()).isEqualTo(200);
    assertThat(revoke.body()).contains("revokedAt").doesNotContain(otherKey);
    assertThat(afterRevoke.statusCode()).isEqualTo(403);
    assertThat(reason(afterRevoke)).isEqualTo("revoked-key");
  }

  @Test
  void theAdminApiNeedsAMaintainer() throws Exception {
    assertThat(get("/api/v1/admin/projects").statusCode()).isEqualTo(401);
    HttpResponse<String> list = getAsAdmin("/api/v1/admin/projects");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"slug\":\"default\"");
    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/admin/projects"))
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder().encodeToString("admin:guess".getBytes()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void aBodyDeclaredTooLargeGets413BeforeItIsRead() throws Exception {
    byte[] big = new byte[300 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');

    HttpResponse<String> r =
        send(
            reportRequest("default", KEY, SECRET)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(reason(r)).isEqualTo("too-large");
  }

  @Test
  void aChunkedBodyThatGrowsTooLargeGets413() throws Exception {
    byte[] big = new byte[400 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');

    HttpResponse<String> r =
        send(
            reportRequest("default", KEY, SECRET)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void gzipBodiesAreAcceptedAndGzipBombsGet413() throws Exception {
    ObjectNode report = freshReport("javaagent-periodic");
    HttpResponse<String> ok =
        send(
            reportRequest("default", KEY, SECRET)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(report.toString().getBytes()))));
    // 64 MiB of spaces compress to about 64 KiB: small on the wire, huge once inflated.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bomb)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        z.write(spaces);
      }
    }
    int before = reportRows();
    HttpResponse<String> bombed =
        send(
            reportRequest("default", KEY, SECRET)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bomb.toByteArray())));

    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(bomb.size()).isLessThan(256 * 1024);
    assertThat(bombed.statusCode()).isEqualTo(413);
    assertThat(reportRows()).isEqualTo(before);
  }

  @Test
  void wrongContentTypesGet415() throws Exception {
    String body = freshReport("linux-aria2c-works").toString();

    HttpResponse<String> text =
        send(
            reportRequest("default", KEY, SECRET)
                .setHeader("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> latin1 =
        send(
            reportRequest("default", KEY, SECRET)
                .setHeader("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> brotli =
        send(
            reportRequest("default", KEY, SECRET)
                .header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(latin1.statusCode()).isEqualTo(415);
    assertThat(brotli.statusCode()).isEqualTo(415);
  }

  @Test
  void aCommentIsStoredAsTheProbeWouldHaveSentItAndTheProbesTextIsKeptAsSent() throws Exception {
    ObjectNode typed = freshReport("linux-aria2c-works");
    typed.put("comment", PrivacySample.COMMENT);
    ObjectNode scrubbed = freshReport("linux-aria2c-works");
    scrubbed.put("comment", PrivacySample.SCRUBBED);

    assertThat(postReport(typed.toString()).statusCode()).isEqualTo(202);
    assertThat(postReport(scrubbed.toString()).statusCode()).isEqualTo(202);

    for (ObjectNode r : List.of(typed, scrubbed)) {
      Map<String, Object> row =
          jdbc.queryForMap(
              "SELECT comment_text, raw_json FROM report WHERE report_id = ?",
              java.util.UUID.fromString(r.get("reportId").asString()));
      assertThat((String) row.get("COMMENT_TEXT")).isEqualTo(PrivacySample.SCRUBBED);
      assertThat(
              ReportJson.mapper().readTree((String) row.get("RAW_JSON")).path("comment").asString())
          .isEqualTo(PrivacySample.SCRUBBED);
    }
  }

  @Test
  void freeTextIsScrubbedAgainOnTheServerAndNoAddressIsStored() throws Exception {
    ObjectNode report = freshReport("os2-bittorrent-trap-tcpip32");
    report.put(
        "comment", "Saved in /home/alice/torrents, tracker 192.168.7.7 via alice@example.org");
    ((ObjectNode) report.at("/traps/0/frames/1"))
        .put("symbol", "sock_recv in C:\\Users\\alice\\PY\\_SOCKET.PYD");

    assertThat(postReport(report.toString()).statusCode()).isEqualTo(202);

    String id = report.get("reportId").asString();
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT comment_text, raw_json FROM report WHERE report_id = ?",
            java.util.UUID.fromString(id));
    assertThat((String) row.get("COMMENT_TEXT"))
        .isEqualTo("Saved in ~/torrents, tracker <ip> via <email>");
    assertThat((String) row.get("RAW_JSON"))
        .doesNotContain("alice")
        .doesNotContain("192.168.7.7")
        .contains("sock_recv in ~\\\\PY\\\\_SOCKET.PYD");
    assertThat(dumpAllText()).doesNotContain("127.0.0.1").doesNotContain("alice");
  }

  @Test
  void anInstallationPostingWithAnotherSecretGets403() throws Exception {
    ObjectNode report = freshReport("linux-aria2c-works");
    assertThat(postReport(report.toString()).statusCode()).isEqualTo(202);
    report.put("reportId", java.util.UUID.randomUUID().toString());

    HttpResponse<String> r =
        send(
            reportRequest("default", KEY, "someone-elses-secret-0000")
                .POST(HttpRequest.BodyPublishers.ofString(report.toString())));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(reason(r)).isEqualTo("installation-secret-mismatch");
  }

  @Test
  void aMissingInstallationSecretGets400() throws Exception {
    HttpResponse<String> r =
        send(
            reportRequest("default", KEY, null)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        freshReport("linux-aria2c-works").toString())));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(reason(r)).isEqualTo("missing-installation-secret");
    assertThat(r.body()).contains(IngestProtocol.INSTALLATION_SECRET_HEADER);
  }

  @Test
  void pingReadsTheBodyAndAnswers204() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/ping"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(204);
  }

  private String dumpAllText() {
    StringBuilder sb = new StringBuilder();
    for (String table : List.of("project", "ingest_key", "installation", "report", "maintainer")) {
      jdbc.queryForList("SELECT * FROM " + table).forEach(row -> sb.append(row).append('\n'));
    }
    return sb.toString();
  }

  private static String reason(HttpResponse<String> r) {
    return ReportJson.mapper().readTree(r.body()).get("reason").asString();
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }
}
