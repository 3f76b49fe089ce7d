package org.shimwatch.server.maintainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shimwatch.server.ServerTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every maintainer page a viewer may open, found from the server's own handler mapping (so a page
 * added later is walked too), fetched over HTTP by a signed-in viewer and a signed-in maintainer of
 * the same project with something on every page to act on: the viewer is offered no form that
 * changes something (only signing out and its own password and sessions), and every change a
 * maintainer may make by form is offered to the maintainer on some page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerPagesIntegrationTests extends ServerTestSupport {

  static final String PASSWORD = "viewer-pages-password";

  /** Forms every role gets: signing out, and one's own password and sessions. */
  static final Set<String> EVERYONES_FORMS =
      Set.of("/logout", "/maintainer/account/password", "/maintainer/account/sign-out-everywhere");

  private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern POST =
      Pattern.compile("\\bmethod=\"post\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"");

  @DynamicPropertySource
  static void pageProperties(DynamicPropertyRegistry registry) throws IOException {
    // A database of its own, so the alert subscription below sees only this test's traps.
    ownDatabase(registry, "shimwatch-viewer-pages");
    registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1");
    // The subscription's receiver is a closed loopback port: nothing leaves the machine.
    registry.add("shimwatch.alerts.allow-private-targets", () -> "true");
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private AccountClient script;
  private AccountClient maintainer;
  private AccountClient viewer;

  /** A real path for each page pattern with an id in it, to something this test made. */
  private final Map<String, String> samples = new LinkedHashMap<>();

  @BeforeAll
  void somethingToActOnEverywhere() throws Exception {
    script = new AccountClient(port, "198.51.100.1");
    for (String[] a : new String[][] {{"pages-maint", "maintainer"}, {"pages-view", "viewer"}}) {
      api(
          "POST",
          "/api/v1/admin/accounts",
          "{\"username\":\""
              + a[0]
              + "\",\"role\":\""
              + a[1]
              + "\",\"projects\":[\"default\"],\"password\":\""
              + PASSWORD
              + "\"}",
          201);
    }
    maintainer = new AccountClient(port, "198.51.100.2");
    assertThat(maintainer.signIn("pages-maint", PASSWORD)).isTrue();
    viewer = new AccountClient(port, "198.51.100.3");
    assertThat(viewer.signIn("pages-view", PASSWORD)).isTrue();

    // A report with a trap (a trap group) and a comment waiting for moderation.
    ObjectNode report = freshReport("os2-bittorrent-trap-tcpip32");
    report.put("comment", "It traps when the tracker answers.");
    HttpResponse<String> sent =
        send(
            reportRequest("default", KEY, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(report.toString())));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String reportId = report.get("reportId").asString();
    long group = jdbc.queryForObject("SELECT MAX(id) FROM trap_group", Long.class);
    // Advice, written on its page by the maintainer.
    HttpResponse<String> advice =
        maintainer.page(
            "POST",
            "/maintainer/advice?project=default",
            "title=Use+the+newer+stack&body=Install+the+fix.&stackName=os2-tcpip");
    assertThat(advice.statusCode()).as(advice.body()).isEqualTo(303);
    long adviceId = jdbc.queryForObject("SELECT MAX(id) FROM advice", Long.class);
    // An ingest key beside the bootstrap one, an alert subscription and the maintainer's token.
    api("POST", "/api/v1/admin/projects/default/keys", "{\"label\":\"release builds\"}", 201);
    long key = jdbc.queryForObject("SELECT MAX(id) FROM ingest_key", Long.class);
    api(
        "POST",
        "/api/v1/admin/projects/default/alerts",
        "{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:9/hook\"}",
        201);
    HttpResponse<String> token =
        script.basic(
            "POST",
            "/api/v1/admin/tokens",
            "pages-maint",
            PASSWORD,
            "{\"label\":\"ci\",\"role\":\"maintainer\",\"projects\":[\"default\"]}");
    assertThat(token.statusCode()).as(token.body()).isEqualTo(201);

    samples.put("/maintainer/traps/{id}", "/maintainer/traps/" + group);
    samples.put("/maintainer/advice/{id}", "/maintainer/advice/" + adviceId);
    samples.put("/maintainer/reports/{reportId}", "/maintainer/reports/" + reportId);
    samples.put(
        "/maintainer/projects/{slug}/keys/{id}/revoke",
        "/maintainer/projects/default/keys/" + key + "/revoke");
  }

  private void api(String method, String path, String json, int expected) throws Exception {
    HttpResponse<String> r = script.basic(method, path, "admin", ADMIN_PASSWORD, json);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
  }

  /** Method and pattern of every maintainer page route, from the server's handler mapping. */
  private List<String[]> pageRoutes() {
    List<String[]> routes = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
      for (String pattern : e.getKey().getPatternValues()) {
        if (!pattern.startsWith("/maintainer")) {
          continue;
        }
        for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          routes.add(new String[] {m.name(), pattern});
        }
      }
    }
    return routes;
  }

  /** Owner-only pages: a viewer or maintainer gets 403 there (the access matrix checks it). */
  private static boolean ownersOnly(String method, String pattern) {
    return pattern.equals("/maintainer/accounts")
        || pattern.startsWith("/maintainer/accounts/")
        || (method.equals("POST") && pattern.equals("/maintainer/projects"));
  }

  private static boolean ownAccount(String pattern) {
    return pattern.equals("/maintainer/account") || pattern.startsWith("/maintainer/account/");
  }

  private String path(String pattern) {
    String p = samples.getOrDefault(pattern, pattern);
    p = p.replace("{project}", "default").replace("{slug}", "default");
    assertThat(p)
        .as("no sample for " + pattern + ": make something for it in somethingToActOnEverywhere")
        .doesNotContain("{");
    return p + (p.contains("?") ? "&" : "?") + "project=default";
  }

  /** The actions, without their query, of the page's forms that post. */
  static List<String> postActions(String html) {
    List<String> actions = new ArrayList<>();
    Matcher f = FORM.matcher(html);
    while (f.find()) {
      if (!POST.matcher(f.group()).find()) {
        continue;
      }
      Matcher a = ACTION.matcher(f.group());
      String action = a.find() ? a.group(1) : "";
      int q = action.indexOf('?');
      actions.add(q < 0 ? action : action.substring(0, q));
    }
    return actions;
  }

  @Test
  void aViewerIsOfferedNoChangeOnAnyPageAndAMaintainerEveryChange() throws Exception {
    List<String> wrong = new ArrayList<>();
    List<String> maintainerActions = new ArrayList<>();
    int pages = 0;
    for (String[] route : pageRoutes()) {
      if (!route[0].equals("GET") || ownersOnly(route[0], route[1])) {
        continue;
      }
      String path = path(route[1]);
      HttpResponse<String> seen = viewer.page("GET", path, null);
      HttpResponse<String> worked = maintainer.page("GET", path, null);
      if (seen.statusCode() != 200 || worked.statusCode() != 200) {
        wrong.add(path + ": viewer " + seen.statusCode() + ", maintainer " + worked.statusCode());
        continue;
      }
      pages++;
      for (String action : postActions(seen.body())) {
        if (!EVERYONES_FORMS.contains(action)) {
          wrong.add(path + " offers a viewer a form posting to " + action);
        }
      }
      maintainerActions.addAll(postActions(worked.body()));
    }
    System.out.println("viewer pages: " + pages + " maintainer pages walked as both roles");
    assertThat(pages).as("the walk finds the pages").isGreaterThanOrEqualTo(15);
    assertThat(wrong).isEmpty();

    // Every change a maintainer may make by form is on some page it sees.
    Set<String> missing = new TreeSet<>();
    for (String[] route : pageRoutes()) {
      if (!route[0].equals("POST") || ownersOnly(route[0], route[1]) || ownAccount(route[1])) {
        continue;
      }
      Pattern p = Pattern.compile(route[1].replaceAll("\\{[^}]+}", "[^/]+"));
      if (maintainerActions.stream().noneMatch(a -> p.matcher(a).matches())) {
        missing.add(route[1]);
      }
    }
    assertThat(missing).as("changes no maintainer page offers").isEmpty();
  }

  @Test
  void aViewerStillReadsWhatItMayNotChange() throws Exception {
    String group = samples.get("/maintainer/traps/{id}");
    HttpResponse<String> trap = viewer.page("GET", group + "?project=default", null);
    assertThat(trap.body()).contains("signed in as a viewer").doesNotContain("Mark fixed");
    HttpResponse<String> advice =
        viewer.page("GET", samples.get("/maintainer/advice/{id}") + "?project=default", null);
    assertThat(advice.body()).contains("Use the newer stack", "Install the fix.");
    assertThat(postActions(advice.body())).doesNotContain("/maintainer/advice");
    HttpResponse<String> comments = viewer.page("GET", "/maintainer/comments", null);
    assertThat(comments.body())
        .contains("It traps when the tracker answers.")
        .doesNotContain(">Approve<");
    HttpResponse<String> alerts = viewer.page("GET", "/maintainer/projects/default/alerts", null);
    // A webhook's path may be the receiver's own secret: a viewer sees where, not the whole URL.
    assertThat(alerts.body())
        .contains("http://127.0.0.1:9/…")
        .doesNotContain("/hook")
        .doesNotContain("Unsubscribe");
    HttpResponse<String> viaApi =
        script.basic("GET", "/api/v1/admin/projects/default/alerts", "pages-view", PASSWORD, null);
    assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(200);
    assertThat(viaApi.body())
        .contains("\"target\":\"http://127.0.0.1:9/…\"")
        .doesNotContain("/hook");
    assertThat(maintainer.page("GET", "/maintainer/projects/default/alerts", null).body())
        .contains("http://127.0.0.1:9/hook");
    // The server still refuses, whatever the page offers.
    assertThat(
            viewer
                .page("POST", group + "/status?project=default", "status=acknowledged")
                .statusCode())
        .isEqualTo(403);
    // The same pages keep their forms for a maintainer.
    assertThat(maintainer.page("GET", group + "?project=default", null).body())
        .contains("Mark fixed");
    assertThat(maintainer.page("GET", "/maintainer/comments", null).body()).contains(">Approve<");
  }
}
