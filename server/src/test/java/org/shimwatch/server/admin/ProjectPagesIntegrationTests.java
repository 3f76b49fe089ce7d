package org.shimwatch.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.ServerTestSupport;

/** Projects and ingest keys made and revoked on the pages, and what probes see of it. */
class ProjectPagesIntegrationTests extends ServerTestSupport {

  private PageSession page;

  @BeforeEach
  void signIn() throws Exception {
    page = PageSession.signedIn(this::uri);
  }

  @Test
  void aProjectAndKeyMadeOnThePagesTakeReportsUntilTheKeyIsRevoked() throws Exception {
    // Sorts after "default": a page without ?project= shows the first project, and the other test
    // classes in this run share the database.
    String slug = "zp-" + UUID.randomUUID().toString().substring(0, 8);
    page.get("/maintainer/projects");

    HttpResponse<String> created =
        page.post("/maintainer/projects", Map.of("slug", slug, "name", "Pages <i>test</i>"));
    assertThat(created.statusCode()).isEqualTo(303);
    HttpResponse<String> listed = page.follow(created);
    assertThat(listed.body())
        .contains("Project &#39;" + slug + "&#39; created")
        .contains("Pages &lt;i&gt;test&lt;/i&gt;")
        .contains("No keys yet");

    HttpResponse<String> madeKey =
        page.post("/maintainer/projects/" + slug + "/keys", Map.of("label", "release builds"));
    assertThat(madeKey.statusCode()).isEqualTo(303);
    HttpResponse<String> shown = page.follow(madeKey);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("Copy this key now.");
    String key = between(shown.body(), "id=\"ingest-key\">", "<");
    assertThat(key).startsWith("swk_").hasSizeGreaterThan(30);

    assertThat(page.get("/maintainer/projects/" + slug + "/keys/new").body())
        .doesNotContain(key)
        .contains("has been shown already");
    HttpResponse<String> list = page.get("/maintainer/projects?project=" + slug);
    assertThat(list.body()).doesNotContain(key).contains(key.substring(0, 8)).contains("active");

    assertThat(ingest(slug, key).statusCode()).isEqualTo(202);

    long keyId =
        jdbc.queryForObject(
            "SELECT k.id FROM ingest_key k JOIN project p ON p.id = k.project_id WHERE p.slug = ?",
            Long.class,
            slug);
    HttpResponse<String> confirm =
        page.get("/maintainer/projects/" + slug + "/keys/" + keyId + "/revoke");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Revoke this key");
    assertThat(ingest(slug, key).statusCode()).as("asking is not revoking").isEqualTo(202);

    HttpResponse<String> revoked =
        page.post("/maintainer/projects/" + slug + "/keys/" + keyId + "/revoke", Map.of());
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(page.follow(revoked).body()).contains("is revoked").contains("revoked 20");

    assertThat(ingest(slug, key).statusCode()).isIn(401, 403);
  }

  @Test
  void badAndTakenSlugsAreRefusedWithAMessageAndNothingIsMade() throws Exception {
    int before = projects();
    page.get("/maintainer/projects");

    HttpResponse<String> bad =
        page.post("/maintainer/projects", Map.of("slug", "Not A Slug\"><script>x</script>"));
    HttpResponse<String> taken = page.post("/maintainer/projects", Map.of("slug", "default"));
    HttpResponse<String> empty = page.post("/maintainer/projects", Map.of());
    HttpResponse<String> longName =
        page.post("/maintainer/projects", Map.of("slug", "long-name", "name", "n".repeat(300)));

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("A project slug is 1 to 64 lower-case letters")
        .doesNotContain("<script>x")
        .contains("Not A Slug&quot;&gt;&lt;script&gt;");
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(taken.body()).contains("already exists");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(longName.statusCode()).isEqualTo(400);
    assertThat(projects()).isEqualTo(before);
  }

  @Test
  void unknownProjectsAndKeysAreNotFound() throws Exception {
    page.get("/maintainer/projects");
    assertThat(page.get("/maintainer/projects?project=nope").statusCode()).isEqualTo(404);
    assertThat(page.post("/maintainer/projects/nope/keys", Map.of()).statusCode()).isEqualTo(404);
    assertThat(page.get("/maintainer/projects/default/keys/999999/revoke").statusCode())
        .isEqualTo(404);
    assertThat(page.post("/maintainer/projects/default/keys/999999/revoke", Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(page.get("/maintainer/projects/default/keys/abc/revoke").statusCode())
        .isEqualTo(400);
    assertThat(page.get("/maintainer/projects/nope/keys/new").statusCode()).isEqualTo(404);
  }

  @Test
  void anonymousPostsAreRefusedAndMakeNothing() throws Exception {
    int before = projects();
    int keys = jdbc.queryForObject("SELECT COUNT(*) FROM ingest_key", Integer.class);
    PageSession anonymous = new PageSession(this::uri);
    anonymous.get("/login");

    HttpResponse<String> project =
        anonymous.post("/maintainer/projects", Map.of("slug", "anonymous-project"));
    HttpResponse<String> key = anonymous.post("/maintainer/projects/default/keys", Map.of());
    HttpResponse<String> revoke =
        anonymous.postRaw("/maintainer/projects/default/keys/1/revoke", Map.of());
    HttpResponse<String> page = anonymous.get("/maintainer/projects");

    assertThat(project.statusCode()).isEqualTo(302);
    assertThat(key.statusCode()).isEqualTo(302);
    assertThat(revoke.statusCode()).isEqualTo(403);
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(projects()).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ingest_key", Integer.class))
        .isEqualTo(keys);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ingest_key WHERE revoked_at IS NOT NULL AND id = 1",
                Integer.class))
        .isZero();
  }

  private HttpResponse<String> ingest(String project, String key) throws Exception {
    return send(
        reportRequest(project, key, SECRET)
            .POST(
                HttpRequest.BodyPublishers.ofString(freshReport("linux-aria2c-works").toString())));
  }

  private int projects() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM project", Integer.class);
  }

  private static String between(String s, String start, String end) {
    Matcher m = Pattern.compile(Pattern.quote(start) + "([^<]+)" + Pattern.quote(end)).matcher(s);
    assertThat(m.find()).as("the page has " + start).isTrue();
    return m.group(1);
  }
}
