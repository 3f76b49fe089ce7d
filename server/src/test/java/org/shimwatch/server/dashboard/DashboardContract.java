package org.shimwatch.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.server.demo.DemoReports;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The maintainer dashboard over real HTTP, the same on H2 and PostgreSQL: reports posted through
 * ingest, a maintainer signed in with the form, then the overview, the list with its filters,
 * search and paging, a report in full with its charts and trap frames, the latency comparison and
 * the JSON API. Anonymous visitors get nothing, and bad input gets a 4xx, never a 5xx.
 */
abstract class DashboardContract extends ServerTestSupport {

  /** Unique to this run, so other tests' reports in the same database do not count. */
  static final String TOKEN = "dash" + UUID.randomUUID().toString().substring(0, 8);

  static final String TRAP_CLIENT = TOKEN + "trap";
  static final String SELECT_CLIENT = TOKEN + "select";
  static final String PAGER_CLIENT = TOKEN + "pager";
  static final int PAGER_REPORTS = 61;
  static final String COMMENT =
      "trapped while seeding <script>alert(1)</script> " + TOKEN + "-xy_z";

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final HttpClient anonymous =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void reportsAndSignIn() throws Exception {
    Integer stored =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM report WHERE client_name = ?", Integer.class, TRAP_CLIENT);
    if (stored == 0) {
      ObjectNode trap = freshReport("os2-bittorrent-trap-tcpip32");
      ((ObjectNode) trap.get("environment").get("client")).put("name", TRAP_CLIENT);
      trap.put("comment", COMMENT);
      accepted(trap);
      ObjectNode select = freshReport("select-problem-histograms");
      ((ObjectNode) select.get("environment").get("client")).put("name", SELECT_CLIENT);
      accepted(select);
      for (int i = 0; i < PAGER_REPORTS; i++) {
        ObjectNode works = freshReport("linux-aria2c-works");
        ((ObjectNode) works.get("environment").get("client")).put("name", PAGER_CLIENT);
        accepted(works);
      }
      DemoReports demo = new DemoReports(7, Instant.now(), 12);
      for (DemoReports.Generated g : demo.next(40)) {
        assertThat(postReport(ReportJson.write(g.report())).statusCode()).isIn(200, 202);
      }
    }
    signIn();
  }

  private void accepted(ObjectNode report) throws Exception {
    HttpResponse<String> r = postReport(report.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private void signIn() throws Exception {
    String token = csrf(page("/login"));
    HttpResponse<String> r =
        post("/login", "username=admin&password=" + enc(ADMIN_PASSWORD) + "&_csrf=" + enc(token));
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
  }

  private UUID reportOf(String client) {
    return jdbc.queryForObject(
        "SELECT report_id FROM report WHERE client_name = ? ORDER BY id", UUID.class, client);
  }

  @Test
  void theOverviewDrawsReportsPerDayAndSuccessByShimAndShowsIngestHealth() throws Exception {
    assertThat(postReport("{\"schemaVersion\": 1").statusCode()).isEqualTo(400);
    String body = page("/maintainer");

    assertThat(body)
        .contains("Reports per day, last 30 days")
        .contains("Success rate by shim version")
        .contains("<svg")
        .contains("role=\"img\"")
        .contains("<details")
        .contains("Ingest health")
        .contains("reports in the last hour")
        .contains("waiting to be written")
        .contains("2004-02")
        .contains("id=\"shim-numbers\"")
        .contains("Refusals since the server started")
        .contains("/maintainer/traps/");
    Matcher today =
        Pattern.compile(
                "<td>"
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    + "</td><td>([0-9,]+)</td>")
            .matcher(body);
    assertThat(today.find()).as("today's row in the data table").isTrue();
    assertThat(Long.parseLong(today.group(1).replace(",", "")))
        .isGreaterThanOrEqualTo(PAGER_REPORTS);
    assertThat(page("/maintainer?project=default")).contains("Ingest health");
  }

  @Test
  void theListFiltersSearchesAndPagesFiftyAtATime() throws Exception {
    String first = page("/maintainer/reports?client=" + PAGER_CLIENT);
    assertThat(first).contains("of " + PAGER_REPORTS + ", newest first");
    assertThat(rows(first)).isEqualTo(50);
    assertThat(first).contains("rel=\"next\"").doesNotContain("rel=\"prev\"");

    String second = page("/maintainer/reports?client=" + PAGER_CLIENT + "&page=1");
    assertThat(rows(second)).isEqualTo(PAGER_REPORTS - 50);
    assertThat(second).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");

    String beyond = page("/maintainer/reports?client=" + PAGER_CLIENT + "&page=9");
    assertThat(beyond).contains("There is no page 10");
    assertThat(rows(beyond)).isZero();

    String traps = page("/maintainer/reports?hasTrap=yes&q=" + TOKEN);
    assertThat(rows(traps)).isEqualTo(1);
    assertThat(traps).contains("<td>" + TRAP_CLIENT).doesNotContain("<td>" + PAGER_CLIENT);

    String filtered =
        page(
            "/maintainer/reports?outcome=select-problem&consent=2&stack=linux&os=linux&shim=0.1.0"
                + "&from=2000-01-01&to=2999-12-31&client="
                + SELECT_CLIENT);
    assertThat(rows(filtered)).isEqualTo(1);
    assertThat(page("/maintainer/reports?outcome=works&client=" + SELECT_CLIENT))
        .contains("No report matches.");
    // The matrix names Linux stacks by kernel series; the same name finds the releases in it.
    assertThat(
            rows(
                page("/maintainer/reports?stack=" + enc("linux 6.1") + "&client=" + SELECT_CLIENT)))
        .isEqualTo(1);
    assertThat(rows(page("/maintainer/reports?stack=" + enc("6.1") + "&client=" + SELECT_CLIENT)))
        .isEqualTo(1);
    assertThat(
            rows(
                page(
                    "/maintainer/reports?stack=" + enc("linux 6.10") + "&client=" + SELECT_CLIENT)))
        .isZero();
  }

  @Test
  void searchFindsCommentsWithoutCaseAndTakesWildcardsLiterally() throws Exception {
    String exact = page("/maintainer/reports?q=" + enc(TOKEN.toUpperCase(Locale.ROOT) + "-XY_Z"));
    assertThat(rows(exact)).isEqualTo(1);
    assertThat(exact).contains(TRAP_CLIENT);

    // Unescaped, % would match the underscore and _ any character.
    assertThat(rows(page("/maintainer/reports?q=" + enc(TOKEN + "-xy%z")))).isZero();
    assertThat(rows(page("/maintainer/reports?q=" + enc(TOKEN + "-xy_")))).isEqualTo(1);
    assertThat(rows(page("/maintainer/reports?q=" + enc(TOKEN + "-x__z")))).isZero();
  }

  @Test
  void aReportShowsItsEnvironmentChartsTrapFramesAndEscapedComment() throws Exception {
    String trap = page("/maintainer/reports/" + reportOf(TRAP_CLIENT));
    assertThat(trap)
        .contains("eComStation 1.1")
        .contains("os2-tcpip 4.3, level UN02200")
        .contains("EMX Python 2.3.3")
        .contains("replace-lib-dynload")
        .contains("csd:UN02200")
        .contains("newstack:NEWSTACK=2004-03")
        .contains("TCPIP32.DLL")
        .contains("_SOCKET.PYD")
        .contains("sock_recv")
        .contains("0001:0000a1f4")
        .contains("SYS3175")
        .contains("pending")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)</script>")
        .contains("/maintainer/traps/");

    String select = page("/maintainer/reports/" + reportOf(SELECT_CLIENT));
    assertThat(select)
        .contains("<svg")
        .contains("role=\"img\"")
        .contains("select() latency")
        .contains("select() timeout overshoot")
        .contains("fdAboveSetsize 250")
        .contains("zeroTimeoutCalls 88000")
        .contains("EBADF 241")
        .contains("<th scope=\"row\">Latency</th>");
    assertThat(select).doesNotContain("style=\"");
  }

  @Test
  void aPrunedReportShowsItsColumnsAndSaysSo() throws Exception {
    UUID id = prunedReport("os2-bittorrent-trap-tcpip32", "pruned");

    String body = page("/maintainer/reports/" + id);

    assertThat(body)
        .contains("pruned by retention")
        .contains("TCPIP32.DLL")
        .contains("_SOCKET.PYD")
        .contains("csd:WR08700")
        .doesNotContain("sock_recv");
    JsonNode json = json(getAsAdmin("/api/v1/admin/projects/default/reports/" + id), 200);
    assertThat(json.get("documentKept").asBoolean()).isFalse();
    assertThat(json.has("document")).isFalse();
  }

  @Test
  void aPrunedReportStillShowsTheCallsKeptInItsRow() throws Exception {
    UUID id = prunedReport("select-problem-histograms", "pruned-calls");

    String body = page("/maintainer/reports/" + id);

    // Histograms and the FD_SETSIZE count come from the row; the rest of the metrics went with
    // the document.
    assertThat(body)
        .contains("pruned by retention")
        .contains("select() latency")
        .contains("select() timeout overshoot")
        .contains("fdAboveSetsize 250")
        .doesNotContain("zeroTimeoutCalls 88000");
  }

  /** Posts an example under its own client name and prunes its raw document; its report id. */
  private UUID prunedReport(String example, String clientSuffix) throws Exception {
    ObjectNode report = freshReport(example);
    String client = TOKEN + clientSuffix;
    ((ObjectNode) report.get("environment").get("client")).put("name", client);
    accepted(report);
    UUID id = reportOf(client);
    jdbc.update(
        "UPDATE report SET raw_json = NULL, raw_pruned_at = ? WHERE report_id = ?",
        Timestamp.from(Instant.now()),
        id);
    return id;
  }

  @Test
  void latencyComparesTwoShimVersionsWithChartsAndOffersTheValuesPresent() throws Exception {
    String plain = page("/maintainer/latency");
    assertThat(plain).contains("0.1.0").contains("select").contains("By stack, shim version");

    String compared = page("/maintainer/latency?kind=select&by=shim&a=0.1.0&b=2004-02");
    assertThat(compared)
        .contains("id=\"comparison\"")
        .contains("<svg")
        .contains("Latency of select(): 0.1.0 and 2004-02");

    String stacks = page("/maintainer/latency?kind=select&by=stack&a=linux&b=os2-tcpip");
    assertThat(stacks).contains("id=\"comparison\"");
  }

  @Test
  void theJsonListKeepsItsContract() throws Exception {
    JsonNode page =
        json(
            getAsAdmin(
                "/api/v1/admin/projects/default/reports?client="
                    + PAGER_CLIENT
                    + "&page=1&size=20&outcome=works"),
            200);
    assertThat(new TreeSet<>(page.propertyNames()))
        .containsExactlyInAnyOrder("page", "size", "total", "reports");
    assertThat(page.get("page").asInt()).isEqualTo(1);
    assertThat(page.get("size").asInt()).isEqualTo(20);
    assertThat(page.get("total").asLong()).isEqualTo(PAGER_REPORTS);
    assertThat(page.get("reports")).hasSize(20);
    JsonNode first = page.get("reports").get(0);
    Set<String> fields = new TreeSet<>(first.propertyNames());
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "reportId",
            "receivedAt",
            "outcome",
            "osName",
            "stackName",
            "stackVersion",
            "clientName",
            "clientVersion",
            "shimVersion",
            "trapCount",
            "consentLevel");
    assertThat(first.get("clientName").asString()).isEqualTo(PAGER_CLIENT);
    assertThat(first.get("outcome").asString()).isEqualTo("works");
    List<String> times = new ArrayList<>();
    for (JsonNode r : page.get("reports")) {
      times.add(r.get("receivedAt").asString());
    }
    List<Instant> parsed = times.stream().map(Instant::parse).toList();
    for (int i = 1; i < parsed.size(); i++) {
      assertThat(parsed.get(i)).isBeforeOrEqualTo(parsed.get(i - 1));
    }

    JsonNode search = json(getAsAdmin("/api/v1/admin/projects/default/reports?q=" + TOKEN), 200);
    assertThat(search.get("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(search.get("size").asInt()).isEqualTo(50);
  }

  @Test
  void theJsonDetailHasTheColumnsAndTheStoredDocument() throws Exception {
    UUID id = reportOf(TRAP_CLIENT);
    JsonNode d = json(getAsAdmin("/api/v1/admin/projects/default/reports/" + id), 200);

    assertThat(d.get("summary").get("reportId").asString()).isEqualTo(id.toString());
    assertThat(d.get("summary").get("trapCount").asInt()).isEqualTo(1);
    assertThat(d.get("documentKept").asBoolean()).isTrue();
    assertThat(d.get("traps").get(0).get("frames").get(1).get("symbol").asString())
        .isEqualTo("sock_recv");
    assertThat(d.get("document").get("reportId").asString()).isEqualTo(id.toString());
    assertThat(d.get("document").get("comment").asString()).isEqualTo(COMMENT);
  }

  @Test
  void theJsonApiRefusesBadInputWithProblems() throws Exception {
    String base = "/api/v1/admin/projects/default/reports";
    problem(getAsAdmin("/api/v1/admin/projects/nope/reports"), 404);
    problem(getAsAdmin(base + "/" + UUID.randomUUID()), 404);
    problem(getAsAdmin("/api/v1/admin/projects/nope/reports/" + UUID.randomUUID()), 404);
    problem(getAsAdmin(base + "/not-a-uuid"), 400);
    problem(getAsAdmin(base + "?size=0"), 400);
    problem(getAsAdmin(base + "?size=201"), 400);
    problem(getAsAdmin(base + "?page=-1"), 400);
    problem(getAsAdmin(base + "?outcome=great"), 400);
    problem(getAsAdmin(base + "?from=yesterday"), 400);
    problem(getAsAdmin(base + "?hasTrap=maybe"), 400);
    assertThat(get(base).statusCode()).isEqualTo(401);
    assertThat(get(base).body()).doesNotContain(TOKEN);
  }

  @Test
  void badPageInputIsA4xxPageNeverA5xx() throws Exception {
    String[] bad = {
      "/maintainer/reports?outcome=great",
      "/maintainer/reports?consent=7",
      "/maintainer/reports?page=-1",
      "/maintainer/reports?page=x",
      "/maintainer/reports?from=2026-13-01",
      "/maintainer/reports?from=2026-02-01&to=2026-01-01",
      "/maintainer/reports?hasTrap=perhaps",
      "/maintainer/reports?q=" + "x".repeat(300),
      "/maintainer/reports?q=%01",
      "/maintainer/reports/not-a-uuid",
      "/maintainer/latency?kind=bogus&a=1&b=2",
      "/maintainer/latency?kind=select&by=sideways&a=1&b=2",
      "/maintainer/latency?kind=select&a=1",
    };
    for (String path : bad) {
      HttpResponse<String> r = send(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.body()).as(path).contains("Cannot show this page").doesNotContain("Exception");
    }
    String[] missing = {
      "/maintainer?project=nope",
      "/maintainer/reports?project=nope",
      "/maintainer/latency?project=nope",
      "/maintainer/reports/" + UUID.randomUUID(),
    };
    for (String path : missing) {
      HttpResponse<String> r = send(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("Not found");
    }
  }

  @Test
  void anonymousVisitorsAreSentToTheSignInAndSeeNoData() throws Exception {
    String[] paths = {
      "/maintainer",
      "/maintainer/reports",
      "/maintainer/reports?q=" + TOKEN,
      "/maintainer/reports/" + reportOf(TRAP_CLIENT),
      "/maintainer/latency",
    };
    for (String path : paths) {
      HttpResponse<String> r =
          anonymous.send(
              HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
      assertThat(r.body()).as(path).doesNotContain(TOKEN).doesNotContain("TCPIP32");
    }
  }

  private static int rows(String html) {
    Matcher m = Pattern.compile("/maintainer/reports/[0-9a-f-]{36}\\?project=").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private String page(String path) throws Exception {
    HttpResponse<String> r = send(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private HttpResponse<String> send(String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(uri(inDefaultProject(path))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Maintainer pages without {@code ?project=} show the first project by name; other test classes
   * sharing this database add projects that sort before {@code default}, so the pages are asked for
   * the default project by name.
   */
  private static String inDefaultProject(String path) {
    if (!path.startsWith("/maintainer") || path.contains("project=")) {
      return path;
    }
    return path + (path.contains("?") ? "&" : "?") + "project=default";
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return ReportJson.mapper().readTree(r.body());
  }

  private static void problem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(ReportJson.mapper().readTree(r.body()).get("reason").asString()).isNotBlank();
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
