package org.shimwatch.server.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project for the check's tests, made over HTTP like any other: eComStation 1.1 with TCP/IP 4.3
 * at UN02200, three installations with NEWSTACK whose BitTorrent works (18 reports) and three
 * without it whose BitTorrent hits the select() problem (6 reports).
 */
public final class CheckData {

  public static final String SECRET = "check-installation-secret-0123456789";

  private CheckData() {}

  /** Makes the project on the server at {@code base} and returns its slug. */
  public static String project(String base, String adminAuth, String prefix) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String slug = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/projects"))
                .header("Authorization", adminAuth)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
    HttpResponse<String> newKey =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/projects/" + slug + "/keys"))
                .header("Authorization", adminAuth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"check\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(newKey.statusCode()).as(newKey.body()).isBetween(200, 201);
    String key = ReportJson.mapper().readTree(newKey.body()).get("key").asString();
    for (int i = 0; i < 3; i++) {
      UUID withNewstack = UUID.randomUUID();
      UUID without = UUID.randomUUID();
      // Six each: 18 of 18 is what a Wilson lower bound of 80% needs for "works".
      for (int j = 0; j < 6; j++) {
        post(http, base, slug, key, report(withNewstack, "works", NEWSTACK_FIXES));
      }
      for (int j = 0; j < 2; j++) {
        post(http, base, slug, key, report(without, "select-problem", PLAIN_FIXES));
      }
    }
    return slug;
  }

  /** Fixes of the reports with NEWSTACK: UN02200 and a NEWSTACK update. */
  public static final String NEWSTACK_FIXES =
      "[{\"kind\":\"csd\",\"id\":\"UN02200\"},{\"kind\":\"newstack\",\"id\":\"NEWSTACK\","
          + "\"version\":\"2004-03\"}]";

  /** Fixes of the reports without it. */
  public static final String PLAIN_FIXES = "[{\"kind\":\"csd\",\"id\":\"UN02200\"}]";

  private static ObjectNode report(UUID installation, String outcome, String fixes) {
    ObjectNode r =
        (ObjectNode)
            ReportJson.mapper().readTree(ReportExamples.text("os2-bittorrent-trap-tcpip32"));
    r.put("reportId", UUID.randomUUID().toString());
    r.put("installationId", installation.toString());
    r.put("outcome", outcome);
    r.remove("traps");
    r.remove("comment");
    r.put("consentLevel", 1);
    ((ObjectNode) r.get("environment")).set("fixes", ReportJson.mapper().readTree(fixes));
    return r;
  }

  private static void post(HttpClient http, String base, String project, String key, ObjectNode r)
      throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + IngestProtocol.reportsPath(project)))
                .header("Content-Type", "application/json")
                .header(IngestProtocol.KEY_HEADER, key)
                .header(IngestProtocol.INSTALLATION_SECRET_HEADER, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(r.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }

  /**
   * A text sample of the contract's tests: {@code synthetic-pasted-mix.txt} is SYSLEVEL.TCP
   * (UN02200), a POPUPLOG.OS2 entry and CONFIG.SYS lines putting exp-dynload after lib-dynload.
   */
  public static String resource(String name) throws java.io.IOException {
    try (java.io.InputStream in = CheckData.class.getResourceAsStream("/os2/" + name)) {
      if (in != null) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return java.nio.file.Files.readString(
        java.nio.file.Path.of(
            "..", "probe-agent", "contract", "src", "test", "resources", "os2", name));
  }

  /** Rows in every table of the database, by table. */
  public static Map<String, Long> rowCounts(JdbcTemplate jdbc) {
    List<String> tables =
        jdbc.queryForList(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' AND"
                + " table_type = 'BASE TABLE' ORDER BY table_name",
            String.class);
    assertThat(tables).contains("REPORT", "MATRIX_CELL", "INSTALLATION");
    Map<String, Long> out = new LinkedHashMap<>();
    for (String t : tables) {
      out.put(t, jdbc.queryForObject("SELECT COUNT(*) FROM \"" + t + "\"", Long.class));
    }
    return out;
  }
}
