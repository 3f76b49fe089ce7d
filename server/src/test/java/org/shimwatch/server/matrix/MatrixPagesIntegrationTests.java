package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shimwatch.server.matrix.MatrixApiIntegrationTests.linux;
import static org.shimwatch.server.matrix.MatrixApiIntegrationTests.unique;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public matrix pages and badges over HTTP, with reports posted through the ingest API. The
 * server is shared with other test classes, so each test uses client names of its own.
 */
class MatrixPagesIntegrationTests extends ServerTestSupport {

  private static final Pattern CELL_LINK =
      Pattern.compile("href=\"(/matrix/default/cell\\?[^\"]+)\"");

  @Test
  void theMatrixPageListsTheCellAndFiltersNarrowIt() throws Exception {
    String counted = unique("PageA");
    String hidden = unique("PageB");
    for (int i = 0; i < 3; i++) {
      post(linux(counted, "1.0"));
    }
    post(linux(hidden, "2.0"));

    HttpResponse<String> one = get("/matrix/default?client=" + counted);
    HttpResponse<String> other = get("/matrix/default?client=" + hidden);
    HttpResponse<String> all = get("/matrix/default");

    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(one.body())
        .contains(">" + counted + " 1.0</th>")
        .contains("Debian GNU/Linux 12")
        .contains("class=\"cell tier-mostly\"")
        .contains(">mostly works</span>")
        .contains("3 reports, 3 installations")
        .contains("value=\"" + counted + "\"")
        .doesNotContain(">" + hidden + " 2.0</th>")
        .contains("<option value=\"" + hidden + "\">");
    assertThat(cellLinks(one.body())).hasSize(1);
    assertThat(other.body())
        .contains(">" + hidden + " 2.0</th>")
        .contains(">not enough data</span>")
        .doesNotContain("1 report,")
        .doesNotContain(">" + counted + " 1.0</th>");
    assertThat(all.body()).contains(counted + " 1.0").contains(hidden + " 2.0");
    assertThat(one.body())
        .contains("href=\"/api/v1/projects/default/matrix?client=" + counted + "\"")
        .contains("href=\"/api/v1/projects/default/matrix?client=" + counted + "&amp;format=csv\"");
  }

  @Test
  void aCellLinkLeadsToItsDrillDownWithApprovedCommentsOnly() throws Exception {
    String client = unique("Drill");
    String approved = "approved-" + UUID.randomUUID() + " <script>alert(1)</script>";
    String pending = "pending-" + UUID.randomUUID();
    String rejected = "rejected-" + UUID.randomUUID();
    List<ObjectNode> reports = new ArrayList<>();
    for (String comment : new String[] {approved, pending, rejected, null}) {
      ObjectNode r = linux(client, "3.1");
      if (comment == null) {
        r.remove("comment");
        r.put("outcome", "select-problem");
      } else {
        r.put("comment", comment);
      }
      reports.add(r);
      post(r);
    }
    setCommentStatus(reports.get(0), "approved");
    setCommentStatus(reports.get(2), "rejected");

    String matrix = get("/matrix/default?client=" + client).body();
    List<String> links = cellLinks(matrix);
    assertThat(links).hasSize(1);
    HttpResponse<String> cell = get(links.get(0));

    assertThat(cell.statusCode()).isEqualTo(200);
    assertThat(cell.body())
        .contains("id=\"reports\">4<")
        .contains("id=\"installations\">4<")
        .contains("id=\"outcome-works\">3<")
        .contains("id=\"outcome-select-problem\">1<")
        .contains("(3 of 4 reports with a clear outcome succeeded)")
        .contains(approved.replace("<", "&lt;").replace(">", "&gt;"))
        .contains(client + " 3.1, shim 0.1.0")
        .doesNotContain("<script>alert(1)</script>")
        .doesNotContain(pending)
        .doesNotContain(rejected);
    for (ObjectNode r : reports) {
      assertThat(cell.body())
          .doesNotContain(r.get("installationId").asString())
          .doesNotContain(r.get("reportId").asString());
    }
    JsonNode api =
        ReportJson.mapper()
            .readTree(
                get(MatrixApiIntegrationTests.matrixPath("default", "client=" + client)).body());
    assertThat(api.get("cells").get(0).get("reports").asLong()).isEqualTo(4);
    assertThat(cell.body())
        .contains(
            "between "
                + Math.round(api.get("cells").get(0).get("successLowerBound").asDouble() * 100)
                + "% and ");
  }

  @Test
  void shimColumnsForOneClientLeadToTheSameCountsAsTheirCell() throws Exception {
    String client = unique("ShimDrill");
    for (String version : new String[] {"1.0", "1.1", "1.1", "1.2"}) {
      ObjectNode r = linux(client, version);
      ((ObjectNode) r.at("/environment/shim")).put("version", "0.9.1");
      post(r);
    }

    String matrix = get("/matrix/default?columns=shim&client=" + client).body();
    List<String> links = cellLinks(matrix);
    assertThat(matrix).contains(">shim 0.9.1</th>");
    assertThat(links).hasSize(1);
    assertThat(links.get(0)).contains("columns=shim").contains("client=" + client);
    String cell = get(links.get(0)).body();

    assertThat(cell)
        .contains("id=\"reports\">4<")
        .contains("id=\"installations\">4<")
        .contains("shim 0.9.1");
  }

  @Test
  void thePublicSeesNoFiguresOrCommentsOfALowSampleCellAndAMaintainerDoes() throws Exception {
    String client = unique("Few");
    String comment = "few-" + UUID.randomUUID();
    String os = unique("FewOS");
    ObjectNode first = linux(client, "1.0");
    first.put("comment", comment);
    ObjectNode second = linux(client, "1.0");
    ObjectNode inactive = linux(client, "1.0");
    ((ObjectNode) inactive.at("/environment/shim"))
        .put("installMode", "side-dir-after-lib-dynload");
    for (ObjectNode r : List.of(first, second, inactive)) {
      ((ObjectNode) r.at("/environment/os")).put("name", os);
      post(r);
    }
    setCommentStatus(first, "approved");

    String link = cellLinks(get("/matrix/default?client=" + client).body()).get(0);
    HttpResponse<String> open = get(link);
    HttpClient maintainer = signIn();
    String signedInMatrix = page(maintainer, "/matrix/default?client=" + client);
    String signedInCell = page(maintainer, link);

    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body())
        .contains(">not enough data</span>")
        .doesNotContain("id=\"reports\"")
        .doesNotContain(comment);
    assertThat(signedInMatrix).contains("low sample</span>").contains("2 reports, 2 installations");
    assertThat(open.body()).doesNotContain("id=\"shim-inactive\"");
    assertThat(signedInCell)
        .contains("id=\"reports\">2<")
        .contains("id=\"shim-inactive\">1<")
        .contains("Low sample")
        .contains(comment);
  }

  @Test
  void theBadgeFollowsTheData() throws Exception {
    String client = unique("Badge");
    // Rows are Linux kernel series; a fix names a row's fix level (none on Linux, so any fix named
    // finds no Linux row).
    String path = "/badge/default/works-on.svg?stack=6.1&client=" + client;

    HttpResponse<String> before = get(path);
    for (int i = 0; i < 3; i++) {
      post(linux(client, "1.0"));
    }
    HttpResponse<String> three = get(path);
    for (int i = 0; i < 14; i++) {
      post(linux(client, "1.0"));
    }
    HttpResponse<String> seventeen = get(path);
    for (int i = 0; i < 5; i++) {
      ObjectNode r = linux(client, "1.0");
      r.put("outcome", "traps");
      post(r);
    }
    HttpResponse<String> withTraps = get(path);
    HttpResponse<String> otherFix = get(path + "&fix=UN02200");

    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    assertThat(before.headers().firstValue("Cache-Control")).contains("max-age=300, public");
    assertThat(before.body())
        .contains("<title>works on 6.1 with " + client)
        .contains(">not enough data</text>");
    assertThat(three.body())
        .contains("<title>works on linux 6.1 with " + client)
        .contains(">mostly works</text>");
    assertThat(seventeen.body()).contains(">works</text>");
    assertThat(withTraps.body()).contains(">mostly works</text>");
    assertThat(otherFix.body()).contains(">not enough data</text>");
    assertThat(get("/badge/default.svg").body()).contains("<title>default: ");
  }

  @Test
  void malformedFiltersAnswer400() throws Exception {
    String tooLong = "x".repeat(300);
    for (String path :
        List.of(
            "/matrix/default?columns=rows",
            "/matrix/default?clientVersion=1.0",
            "/matrix/default?platform=" + tooLong,
            "/matrix/default?client=%01",
            "/matrix/default/cell",
            "/matrix/default/cell?row=zz&column=yy",
            "/matrix/default/cell?row=0123456789abcdef0123456789abcdef&column=yy")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(path)
          .startsWith("text/html");
      assertThat(r.body()).as(path).contains("class=\"error\"");
    }
    assertThat(get("/matrix/default?clientVersion=1.0").body())
        .contains("clientVersion needs client");
    HttpResponse<String> badge = get("/badge/default/works-on.svg?stack=" + tooLong);
    assertThat(badge.statusCode()).isEqualTo(400);
    assertThat(badge.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    assertThat(badge.body()).contains("bad request");
  }

  @Test
  void unknownProjectsAndCellsAnswer404() throws Exception {
    String key = "0123456789abcdef0123456789abcdef";
    for (String path :
        List.of(
            "/matrix/" + unique("nope"),
            "/matrix/" + unique("nope") + "/cell?row=" + key + "&column=" + key,
            "/matrix/default/cell?row=" + key + "&column=" + key)) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(path)
          .startsWith("text/html");
    }
    for (String path : List.of("/badge/nope-x.svg", "/badge/nope-x/works-on.svg?stack=4.3")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
      assertThat(r.body()).contains("unknown project");
    }
  }

  @Test
  void theHomePageLeadsToTheMatrix() throws Exception {
    HttpResponse<String> home = get("/");

    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("/matrix/default").contains("href=\"/report/new\"");
  }

  private static List<String> cellLinks(String html) {
    List<String> links = new ArrayList<>();
    Matcher m = CELL_LINK.matcher(html);
    while (m.find()) {
      links.add(m.group(1).replace("&amp;", "&"));
    }
    return links;
  }

  private void setCommentStatus(ObjectNode report, String status) {
    int n =
        jdbc.update(
            "UPDATE report SET comment_status = ? WHERE report_id = ?",
            status,
            UUID.fromString(report.get("reportId").asString()));
    assertThat(n).isEqualTo(1);
  }

  private void post(ObjectNode report) throws Exception {
    HttpResponse<String> r = postReport(report.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  /** A browser-like client signed in as the maintainer through the login form. */
  private HttpClient signIn() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Matcher m =
        Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page(browser, "/login"));
    assertThat(m.find()).isTrue();
    String form =
        "username=admin&password="
            + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return browser;
  }

  private String page(HttpClient client, String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }
}
