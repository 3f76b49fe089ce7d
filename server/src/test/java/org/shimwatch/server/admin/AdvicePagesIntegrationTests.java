package org.shimwatch.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.probe.outbox.KnownIssue;
import org.shimwatch.probe.upload.UploadOutcome;
import org.shimwatch.probe.upload.UploadOutcomes;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Known issues through the real server: a maintainer writes advice on the pages (CSRF and sign-in
 * as for every maintainer form), the public sees it on the matrix and the cell, and a report whose
 * trap falls in the advice's group gets it in its receipt, which old and new probes both read.
 */
class AdvicePagesIntegrationTests extends ServerTestSupport {

  private String module;
  private long group;
  private PageSession page;

  @BeforeEach
  void aGroup() throws Exception {
    module = "A" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    HttpResponse<String> r =
        postReport(TrapGroupPagesIntegrationTests.trapIn(module, "0.1.0").toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    group =
        jdbc.queryForObject("SELECT id FROM trap_group WHERE module_name = ?", Long.class, module);
    page = PageSession.signedIn(this::uri);
  }

  private Map<String, String> form(String title) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("title", title);
    f.put(
        "body", "Set `SHIMWATCH_DISABLE=1` before **BitTorrent** starts.\n\nThen <b>restart</b>.");
    f.put("trapGroup", Long.toString(group));
    f.put("stackName", "os2-tcpip");
    f.put("fixedIn", "0.2.0");
    return f;
  }

  private int stored(String title) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM advice WHERE title = ?", Integer.class, title);
  }

  private long write(String title) throws Exception {
    page.get("/maintainer/advice/new?project=default&trapGroup=" + group);
    HttpResponse<String> created = page.post("/maintainer/advice?project=default", form(title));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
    assertThat(page.follow(created).body()).contains("Advice \u201c" + title + "\u201d saved.");
    return jdbc.queryForObject("SELECT id FROM advice WHERE title = ?", Long.class, title);
  }

  @Test
  void writtenAdviceShowsOnTheCellTheMatrixTheListAndTheGroupPage() throws Exception {
    String title = "Traps in " + module;
    long id = write(title);

    HttpResponse<String> matrix = get("/matrix/default");
    assertThat(matrix.body()).contains("class=\"advice-marker\">known issue</span>");
    Matcher cell =
        Pattern.compile(
                "href=\"(/matrix/default/cell\\?[^\"]+)\"[^>]*>\\s*<span class=\"tier\">[^<]*</span>\\s*(?:<span class=\"low-sample\">[^<]*</span>\\s*)?<span class=\"advice-marker\">")
            .matcher(matrix.body());
    List<String> bodies = new ArrayList<>();
    while (cell.find()) {
      bodies.add(get(cell.group(1).replace("&amp;", "&")).body());
    }
    assertThat(bodies).as("cells marked").isNotEmpty();
    assertThat(bodies)
        .anySatisfy(
            b ->
                assertThat(b)
                    .contains("id=\"advice-" + id + "\"")
                    .contains(title)
                    .contains("<code>SHIMWATCH_DISABLE=1</code>")
                    .contains("<strong>BitTorrent</strong>")
                    .contains("Then &lt;b&gt;restart&lt;/b&gt;.")
                    .contains("Fixed in shim"));

    assertThat(get("/known-issues/default").body())
        .contains("id=\"advice-" + id + "\"")
        .contains(title);
    assertThat(get("/known-issues/nope").statusCode()).isEqualTo(404);
    assertThat(page.get("/maintainer/traps/" + group + "?project=default").body())
        .contains("Advice for this group")
        .contains(title);
    assertThat(page.get("/maintainer/advice?project=default").body()).contains(title);

    page.get("/maintainer/advice?project=default");
    HttpResponse<String> deleted =
        page.post("/maintainer/advice/" + id + "/delete?project=default", Map.of());
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(stored(title)).isZero();
    assertThat(get("/known-issues/default").body()).doesNotContain(title);
  }

  @Test
  void badInputIsRefusedOnTheFormAndNothingIsStored() throws Exception {
    String title = "Bad " + module;
    page.get("/maintainer/advice/new?project=default");
    Map<String, String> bad = form(title);
    bad.put("stackFrom", "4.3");
    bad.put("stackTo", "4.21");
    HttpResponse<String> r = page.post("/maintainer/advice?project=default", bad);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("from 4.3 down to 4.21");

    bad = form(title);
    bad.put("trapGroup", "987654321");
    r = page.post("/maintainer/advice?project=default", bad);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("no trap group 987654321");

    bad = form(title);
    bad.put("fixedIn", "0.2 <b>");
    bad.put("installMode", "sideways");
    r = page.post("/maintainer/advice?project=default", bad);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"error-fixedIn\"").contains("id=\"error-installMode\"");
    assertThat(stored(title)).isZero();
    assertThat(page.get("/maintainer/advice/987654321").statusCode()).isEqualTo(404);
    assertThat(page.get("/maintainer/advice/abc").statusCode()).isEqualTo(400);
  }

  @Test
  void onlyASignedInMaintainerWithTheSessionsTokenWritesAdvice() throws Exception {
    String title = "Forged " + module;
    PageSession anonymous = new PageSession(this::uri);
    HttpResponse<String> list = anonymous.get("/maintainer/advice");
    assertThat(list.statusCode()).isEqualTo(302);
    assertThat(list.headers().firstValue("Location").orElse("")).endsWith("/login");
    anonymous.get("/login");
    HttpResponse<String> withToken = anonymous.post("/maintainer/advice", form(title));
    HttpResponse<String> without = anonymous.postRaw("/maintainer/advice", form(title));
    page.get("/maintainer/advice/new");
    Map<String, String> stolen = form(title);
    stolen.put("_csrf", page.token());
    HttpResponse<String> maintainersToken = anonymous.postRaw("/maintainer/advice", stolen);
    HttpResponse<String> maintainerWithout = page.postRaw("/maintainer/advice", form(title));

    assertThat(withToken.statusCode()).isEqualTo(302);
    assertThat(withToken.headers().firstValue("Location").orElse("")).endsWith("/login");
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(maintainersToken.statusCode()).isEqualTo(403);
    assertThat(maintainerWithout.statusCode()).isEqualTo(403);
    assertThat(stored(title)).isZero();
  }

  @Test
  void aReceiptNamesTheKnownIssueOfTheTrapsGroupAndStaysReadableForOldProbes() throws Exception {
    String title = "Receipt " + module;
    long id = write(title);

    ObjectNode trap = TrapGroupPagesIntegrationTests.trapIn(module, "0.1.0");
    HttpResponse<String> r = postReport(trap.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode receipt = ReportJson.mapper().readTree(r.body());
    assertThat(receipt.get("reportId").asString()).isEqualTo(trap.get("reportId").asString());
    assertThat(receipt.get("duplicate").asBoolean()).isFalse();
    JsonNode issue = receipt.get("knownIssues").get(0);
    assertThat(issue.get("title").asString()).isEqualTo(title);
    assertThat(issue.get("workaround").asString())
        .isEqualTo("Set SHIMWATCH_DISABLE=1 before BitTorrent starts.");
    assertThat(issue.get("fixedIn").asString()).isEqualTo("0.2.0");
    assertThat(issue.get("link").asString()).isEqualTo("/known-issues/default#advice-" + id);

    // What this probe makes of it, and what a probe from before known issues reads: the same
    // three fields, of the same types.
    UploadOutcome outcome =
        UploadOutcomes.fromResponse(
            202,
            null,
            r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            UUID.fromString(trap.get("reportId").asString()),
            Instant.now());
    assertThat(outcome).isInstanceOf(UploadOutcome.Accepted.class);
    assertThat(((UploadOutcome.Accepted) outcome).receipt().knownIssues())
        .containsExactly(
            new KnownIssue(
                title,
                "Set SHIMWATCH_DISABLE=1 before BitTorrent starts.",
                "0.2.0",
                "/known-issues/default#advice-" + id));
    assertThat(receipt.get("receivedAt").isString()).isTrue();
    Instant.parse(receipt.get("receivedAt").asString());

    HttpResponse<String> again = postReport(trap.toString());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(
            ReportJson.mapper()
                .readTree(again.body())
                .get("knownIssues")
                .get(0)
                .get("title")
                .asString())
        .isEqualTo(title);

    ObjectNode fixed = TrapGroupPagesIntegrationTests.trapIn(module, "0.2.0");
    JsonNode fixedReceipt = ReportJson.mapper().readTree(postReport(fixed.toString()).body());
    assertThat(fixedReceipt.has("knownIssues")).as("fixed in 0.2.0").isFalse();

    JsonNode plain =
        ReportJson.mapper()
            .readTree(postReport(freshReport("linux-aria2c-works").toString()).body());
    List<String> fields =
        new ArrayList<>(
            ReportJson.mapper().convertValue(plain, java.util.LinkedHashMap.class).keySet());
    assertThat(fields)
        .as("a receipt without a known issue is the receipt old probes know")
        .containsExactly("reportId", "receivedAt", "duplicate");
  }
}
