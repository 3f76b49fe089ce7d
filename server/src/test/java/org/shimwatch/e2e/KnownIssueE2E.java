package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Known issues reach the user: a client crashes under {@code shimwatch run} at consent level 3, the
 * maintainer writes advice for the trap group on the server's form, and the next crash's closing
 * lines name it with its workaround, fixed-in version and link. A run at level 2, or with {@code
 * --no-send}, says nothing of it.
 */
@Order(7)
class KnownIssueE2E {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Test
  void theNextCrashInAGroupWithAdviceNamesTheKnownIssue() throws Exception {
    E2e.requireTools("gcc");
    ServerProcess server = ServerProcess.shared();
    Path work = E2e.newDir("known-issue");
    CrashTrapE2E.buildCrasher(work);

    ProbeHome probe = new ProbeHome("known-issue", server.base());
    probe.consent(3);
    Map<Long, Long> before = CrashTrapE2E.groupReports(server);
    CrashTrapE2E.crashOnce(probe, work, 1);
    List<Long> grown = CrashTrapE2E.grown(before, CrashTrapE2E.awaitGroupChange(server, before));
    assertThat(grown).hasSize(1);
    long group = grown.get(0);

    String title = "Crash after select() in the e2e client";
    long id = writeAdvice(server, group, title);

    List<String> crashAgain =
        List.of("run", "--outcome", "traps", "--", work.resolve("crasher").toString());
    E2e.Result told = probe.cli(Map.of("SHIMWATCH_TRAPS", "1"), crashAgain.toArray(String[]::new));
    String line =
        "shimwatch: known issue: "
            + title
            + " \u2014 workaround: Run the client with SHIMWATCH_DISABLE=1 until 99.0 is out."
            + " (fixed in 99.0) "
            + server.base()
            + "/known-issues/default#advice-"
            + id;
    assertThat(told.exit()).as(told.output()).isEqualTo(128 + 11);
    assertThat(told.output()).contains("shimwatch: sent 1 report(s)").contains(line);

    E2e.Result queued =
        probe.cli(
            Map.of("SHIMWATCH_TRAPS", "1"),
            "run",
            "--no-send",
            "--outcome",
            "traps",
            "--",
            work.resolve("crasher").toString());
    assertThat(queued.output()).as("not sent: nothing to say").doesNotContain("known issue");

    ProbeHome metricsOnly = new ProbeHome("known-issue-level2", server.base());
    metricsOnly.consent(2);
    E2e.Result level2 =
        metricsOnly.cli(Map.of("SHIMWATCH_TRAPS", "1"), crashAgain.toArray(String[]::new));
    assertThat(level2.output()).contains("sent 1 report(s)").doesNotContain("known issue");

    HttpResponse<String> list = server.get("/known-issues/default", false);
    assertThat(list.body()).contains(title).contains("id=\"advice-" + id + "\"");
    E2e.figures("known-issue", E2e.map("group", group, "advice", id, "line", line.length()));
  }

  /** Signs in on the pages and writes advice for the group through the form, as a maintainer. */
  private static long writeAdvice(ServerProcess server, long group, String title) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String token = token(get(client, server, "/login"));
    HttpResponse<String> signIn =
        post(
            client,
            server,
            "/login",
            Map.of("username", "admin", "password", E2e.ADMIN_PASSWORD, "_csrf", token));
    assertThat(signIn.statusCode()).isEqualTo(302);
    token = token(get(client, server, "/maintainer/advice/new?trapGroup=" + group));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("title", title);
    form.put(
        "body",
        "Run the client with `SHIMWATCH_DISABLE=1` until **99.0** is out.\n\n"
            + "The fault is in the client's own code after `select()`.");
    form.put("trapGroup", Long.toString(group));
    form.put("fixedIn", "99.0");
    form.put("_csrf", token);
    HttpResponse<String> saved = post(client, server, "/maintainer/advice?project=default", form);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    Matcher m =
        Pattern.compile("/maintainer/advice/(\\d+)\\?project=default\">" + Pattern.quote(title))
            .matcher(get(client, server, "/maintainer/advice?project=default").body());
    assertThat(m.find()).as("the new entry is listed").isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String token(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("a CSRF token on %s", page.uri()).isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> get(HttpClient client, ServerProcess server, String path)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.base() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(
      HttpClient client, ServerProcess server, String path, Map<String, String> form)
      throws Exception {
    return E2e.postForm(client, server.base() + path, form);
  }
}
