package org.shimwatch.server.maintainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shimwatch.server.project.Secrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts and API tokens through the real server over HTTP: making accounts, passwords shown once,
 * changing one's own password, resets, disabling, signing out every session, and tokens (hashed,
 * scoped, last use, revoked, expired, of a disabled account, throttled when guessed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsIntegrationTests {

  static final String OWNER_PASSWORD = "accounts-owner-password";
  static final String PASSWORD = "accounts-user-password";
  private static final Pattern SECRET = Pattern.compile("id=\"secret\">([^<]+)<");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Path dataDir;

  static {
    try {
      dataDir = Files.createTempDirectory("shimwatch-accounts");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    registry.add("shimwatch.data-dir", dataDir::toString);
    registry.add("shimwatch.admin-password", () -> OWNER_PASSWORD);
    registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1");
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private AccountClient script;
  private int address = 1;

  @BeforeAll
  void projects() throws Exception {
    script = new AccountClient(port, "198.18.0.1");
    assertThat(
            script
                .basic(
                    "POST",
                    "/api/v1/admin/projects",
                    "admin",
                    OWNER_PASSWORD,
                    "{\"slug\":\"tok-a\",\"name\":\"A\"}")
                .statusCode())
        .isEqualTo(201);
  }

  private AccountClient client() {
    return new AccountClient(port, "198.18.1." + (++address));
  }

  private AccountClient owner() throws Exception {
    AccountClient c = client();
    assertThat(c.signIn("admin", OWNER_PASSWORD)).isTrue();
    return c;
  }

  private long account(String name, String role) throws Exception {
    HttpResponse<String> r =
        script.basic(
            "POST",
            "/api/v1/admin/accounts",
            "admin",
            OWNER_PASSWORD,
            "{\"username\":\""
                + name
                + "\",\"role\":\""
                + role
                + "\",\"projects\":[\"tok-a\"],\"password\":\""
                + PASSWORD
                + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("account").path("id").asLong();
  }

  private static String secret(HttpResponse<String> page) {
    Matcher m = SECRET.matcher(page.body());
    assertThat(m.find()).as("a secret on the page").isTrue();
    return m.group(1);
  }

  @Test
  void anOwnerMakesAnAccountOnThePageAndItsPasswordIsShownOnce() throws Exception {
    AccountClient o = owner();
    int before = jdbc.queryForObject("SELECT COUNT(*) FROM maintainer", Integer.class);
    HttpResponse<String> bad =
        o.page("POST", "/maintainer/accounts", "username=No+Good!&role=maintainer&projects=tok-a");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("A user name is");
    HttpResponse<String> noProject =
        o.page("POST", "/maintainer/accounts", "username=nobody&role=viewer");
    assertThat(noProject.statusCode()).isEqualTo(400);
    assertThat(noProject.body()).contains("at least one project");
    HttpResponse<String> badRole =
        o.page("POST", "/maintainer/accounts", "username=nobody&role=king&projects=tok-a");
    assertThat(badRole.statusCode()).isEqualTo(400);
    HttpResponse<String> weak =
        o.page(
            "POST",
            "/maintainer/accounts",
            "username=nobody&role=viewer&projects=tok-a&password=short");
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("at least 12 characters");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM maintainer", Integer.class))
        .isEqualTo(before);

    HttpResponse<String> made =
        o.page("POST", "/maintainer/accounts", "username=pagemade&role=viewer&projects=tok-a");
    assertThat(made.statusCode()).isEqualTo(303);
    HttpResponse<String> shown = o.page("GET", "/maintainer/accounts/secret", null);
    assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
    String initial = secret(shown);
    assertThat(o.page("GET", "/maintainer/accounts/secret", null).body())
        .contains("Already shown")
        .doesNotContain(initial);
    assertThat(client().signIn("pagemade", initial)).isTrue();
    assertThat(o.page("GET", "/maintainer/accounts", null).body())
        .contains("pagemade")
        .contains("viewer");
    // The same name again is refused, and nothing is added.
    assertThat(
            o.page("POST", "/maintainer/accounts", "username=pagemade&role=viewer&projects=tok-a")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void changingOnesOwnPasswordNeedsTheOldOneAndSaysWhichFieldIsWrong() throws Exception {
    account("changer", "maintainer");
    AccountClient c = client();
    assertThat(c.signIn("changer", PASSWORD)).isTrue();
    String hash =
        jdbc.queryForObject(
            "SELECT password_hash FROM maintainer WHERE username = 'changer'", String.class);
    HttpResponse<String> wrongOld =
        c.page(
            "POST",
            "/maintainer/account/password",
            "currentPassword=not-it-at-all&newPassword=a-new-long-password&repeatPassword=a-new-long-password");
    assertThat(wrongOld.statusCode()).isEqualTo(400);
    assertThat(wrongOld.body()).contains("id=\"error-oldPassword\"");
    HttpResponse<String> tooShort =
        c.page(
            "POST",
            "/maintainer/account/password",
            "currentPassword=" + PASSWORD + "&newPassword=short&repeatPassword=short");
    assertThat(tooShort.body()).contains("id=\"error-newPassword\"", "at least 12");
    HttpResponse<String> differ =
        c.page(
            "POST",
            "/maintainer/account/password",
            "currentPassword="
                + PASSWORD
                + "&newPassword=a-new-long-password&repeatPassword=another-long-password");
    assertThat(differ.body()).contains("id=\"error-repeatPassword\"");
    assertThat(
            jdbc.queryForObject(
                "SELECT password_hash FROM maintainer WHERE username = 'changer'", String.class))
        .isEqualTo(hash);

    HttpResponse<String> done =
        c.page(
            "POST",
            "/maintainer/account/password",
            "currentPassword="
                + PASSWORD
                + "&newPassword=a-new-long-password&repeatPassword=a-new-long-password");
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(client().signIn("changer", "a-new-long-password")).isTrue();
    assertThat(
            script.basic("GET", "/api/v1/admin/projects", "changer", PASSWORD, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void signingOutEverySessionEndsTheOtherSessionsOfThatAccount() throws Exception {
    account("twice", "viewer");
    AccountClient laptop = client();
    AccountClient phone = client();
    assertThat(laptop.signIn("twice", PASSWORD)).isTrue();
    assertThat(phone.signIn("twice", PASSWORD)).isTrue();
    assertThat(phone.page("GET", "/maintainer/account", null).statusCode()).isEqualTo(200);
    // A forged post (no CSRF token) does nothing.
    assertThat(phone.postWithoutCsrf("/maintainer/account/sign-out-everywhere", "").statusCode())
        .isEqualTo(403);
    assertThat(laptop.page("GET", "/maintainer/account", null).statusCode()).isEqualTo(200);
    // A viewer may do this: it changes nothing but its own sessions.
    HttpResponse<String> out = laptop.page("POST", "/maintainer/account/sign-out-everywhere", null);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location").orElseThrow()).contains("/login");
    HttpResponse<String> phoneAfter = phone.page("GET", "/maintainer/account", null);
    assertThat(phoneAfter.statusCode()).isEqualTo(302);
    assertThat(phoneAfter.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(laptop.page("GET", "/maintainer/account", null).statusCode()).isEqualTo(302);
    // Signing in again works.
    assertThat(phone.signIn("twice", PASSWORD)).isTrue();
    assertThat(phone.page("GET", "/maintainer/account", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aResetPasswordIsShownOnceAndEndsTheAccountsSessions() throws Exception {
    long id = account("forgetful", "maintainer");
    AccountClient user = client();
    assertThat(user.signIn("forgetful", PASSWORD)).isTrue();
    AccountClient o = owner();
    assertThat(o.page("POST", "/maintainer/accounts/" + id + "/reset-password", null).statusCode())
        .isEqualTo(303);
    String fresh = secret(o.page("GET", "/maintainer/accounts/secret", null));
    assertThat(user.page("GET", "/maintainer/account", null).statusCode()).isEqualTo(302);
    assertThat(client().signIn("forgetful", PASSWORD)).isFalse();
    assertThat(client().signIn("forgetful", fresh)).isTrue();
  }

  @Test
  void aDisabledAccountCannotSignInItsSessionsEndAndItsTokensStop() throws Exception {
    long id = account("leaver", "maintainer");
    AccountClient user = client();
    assertThat(user.signIn("leaver", PASSWORD)).isTrue();
    String token =
        token(
            "leaver",
            PASSWORD,
            "{\"label\":\"script\",\"role\":\"viewer\",\"projects\":[\"tok-a\"]}");
    assertThat(script.bearer("GET", "/api/v1/admin/projects", token, null).statusCode())
        .isEqualTo(200);

    AccountClient o = owner();
    assertThat(o.page("POST", "/maintainer/accounts/" + id + "/disable", null).statusCode())
        .isEqualTo(303);
    assertThat(user.page("GET", "/maintainer/account", null).statusCode()).isEqualTo(302);
    assertThat(client().signIn("leaver", PASSWORD)).isFalse();
    assertThat(script.basic("GET", "/api/v1/admin/projects", "leaver", PASSWORD, null).statusCode())
        .isEqualTo(401);
    assertThat(client().bearer("GET", "/api/v1/admin/projects", token, null).statusCode())
        .isEqualTo(401);
    assertThat(o.page("GET", "/maintainer/accounts", null).body()).contains("disabled");

    // An owner cannot disable themselves (nor so leave the server without an owner).
    long adminId =
        jdbc.queryForObject("SELECT id FROM maintainer WHERE username = 'admin'", Long.class);
    o.page("POST", "/maintainer/accounts/" + adminId + "/disable", null);
    assertThat(
            jdbc.queryForObject(
                "SELECT disabled_at FROM maintainer WHERE id = ?", Timestamp.class, adminId))
        .isNull();

    assertThat(o.page("POST", "/maintainer/accounts/" + id + "/enable", null).statusCode())
        .isEqualTo(303);
    assertThat(client().signIn("leaver", PASSWORD)).isTrue();
  }

  private String token(String user, String password, String json) throws Exception {
    HttpResponse<String> r = script.basic("POST", "/api/v1/admin/tokens", user, password, json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("token").asString();
  }

  @Test
  void anOwnerSeesAndRevokesEveryAccountsTokensOnThePageOthersOnlyTheirOwn() throws Exception {
    account("tok-maker", "maintainer");
    account("tok-other", "maintainer");
    account("tok-looker", "viewer");
    String makers =
        token(
            "tok-maker",
            PASSWORD,
            "{\"label\":\"maker ci\",\"role\":\"maintainer\",\"projects\":[\"tok-a\"],"
                + "\"expiresInDays\":30}");
    token(
        "tok-other",
        PASSWORD,
        "{\"label\":\"other script\",\"role\":\"viewer\",\"projects\":[\"tok-a\"]}");
    long makersId =
        jdbc.queryForObject(
            "SELECT id FROM api_token WHERE token_hash = ?", Long.class, Secrets.sha256(makers));
    String makersPrefix =
        jdbc.queryForObject(
            "SELECT token_prefix FROM api_token WHERE id = ?", String.class, makersId);
    AccountClient ci = client();
    assertThat(ci.bearer("GET", "/api/v1/admin/projects", makers, null).statusCode())
        .isEqualTo(200);

    // The owner's page lists everyone's tokens, with maker, role, projects, dates and a revoke.
    AccountClient owner = owner();
    HttpResponse<String> all = owner.page("GET", "/maintainer/tokens", null);
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body())
        .contains("Made by", "tok-maker", "tok-other", "maker ci", "other script")
        .contains(makersPrefix, "maintainer: tok-a", "viewer: tok-a")
        .contains("/maintainer/tokens/" + makersId + "/revoke");
    String row = row(all.body(), makersPrefix);
    assertThat(row).contains("tok-maker", "maker ci", "active");
    // The same list in the API, for owners only (a maintainer's own list stays its own).
    HttpResponse<String> allApi =
        script.basic("GET", "/api/v1/admin/accounts/tokens", "admin", OWNER_PASSWORD, null);
    assertThat(allApi.statusCode()).as(allApi.body()).isEqualTo(200);
    assertThat(allApi.body())
        .contains("\"owner\":\"tok-maker\"", "\"owner\":\"tok-other\"", makersPrefix)
        .doesNotContain(makers);
    assertThat(
            script
                .basic("GET", "/api/v1/admin/accounts/tokens", "tok-other", PASSWORD, null)
                .statusCode())
        .isEqualTo(403);
    // Another maintainer sees only its own, and cannot revoke someone else's.
    AccountClient other = client();
    assertThat(other.signIn("tok-other", PASSWORD)).isTrue();
    HttpResponse<String> own = other.page("GET", "/maintainer/tokens", null);
    assertThat(own.body()).contains("other script").doesNotContain("maker ci", "Made by");
    assertThat(other.page("POST", "/maintainer/tokens/" + makersId + "/revoke", "").statusCode())
        .isEqualTo(404);
    // A viewer sees its own list (none here), and nobody else's.
    AccountClient looker = client();
    assertThat(looker.signIn("tok-looker", PASSWORD)).isTrue();
    HttpResponse<String> lookers = looker.page("GET", "/maintainer/tokens", null);
    assertThat(lookers.statusCode()).isEqualTo(200);
    assertThat(lookers.body()).contains("No tokens yet").doesNotContain("maker ci", "Made by");
    assertThat(ci.bearer("GET", "/api/v1/admin/projects", makers, null).statusCode())
        .isEqualTo(200);

    // The owner revokes the maintainer's token from the page: it stops at once.
    HttpResponse<String> revoked =
        owner.page("POST", "/maintainer/tokens/" + makersId + "/revoke", "");
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(303);
    assertThat(ci.bearer("GET", "/api/v1/admin/projects", makers, null).statusCode())
        .isEqualTo(401);
    HttpResponse<String> after = owner.page("GET", "/maintainer/tokens", null);
    assertThat(after.body()).contains("is revoked");
    assertThat(row(after.body(), makersPrefix))
        .contains("revoked 2")
        .doesNotContain("/maintainer/tokens/" + makersId + "/revoke");
  }

  /** The table row of the token with this prefix. */
  private static String row(String html, String prefix) {
    int at = html.indexOf("<span>" + prefix + "</span>");
    assertThat(at).as("a row for " + prefix).isPositive();
    return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
  }

  @Test
  void aTokenIsStoredHashedScopedAndStopsWhenRevoked() throws Exception {
    String token =
        token(
            "admin",
            OWNER_PASSWORD,
            "{\"label\":\"prometheus\",\"role\":\"viewer\",\"projects\":[\"tok-a\"]}");
    assertThat(token).startsWith("swt_").hasSize(47);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM api_token WHERE token_hash = ?",
                Integer.class,
                Secrets.sha256(token)))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM api_token WHERE token_hash = ? OR token_prefix = ?",
                Integer.class,
                token,
                token))
        .isZero();

    AccountClient prometheus = client();
    HttpResponse<String> scrape = prometheus.bearer("GET", "/actuator/prometheus", token, null);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("jvm_");
    // Viewer scope: reads its project, sees no other, changes nothing.
    assertThat(
            prometheus.bearer("GET", "/api/v1/admin/projects/tok-a/keys", token, null).statusCode())
        .isEqualTo(200);
    assertThat(
            prometheus
                .bearer("GET", "/api/v1/admin/projects/default/keys", token, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            prometheus
                .bearer("POST", "/api/v1/admin/projects/tok-a/keys", token, "{\"label\":\"x\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(prometheus.bearer("GET", "/api/v1/admin/accounts", token, null).statusCode())
        .isEqualTo(403);
    // Never on pages: a page with only a token is not signed in.
    HttpResponse<String> page = prometheus.bearer("GET", "/maintainer", token, null);
    assertThat(page.statusCode()).isEqualTo(302);

    // Last use is written once, not on every request.
    Timestamp first =
        jdbc.queryForObject(
            "SELECT last_used_at FROM api_token WHERE token_hash = ?",
            Timestamp.class,
            Secrets.sha256(token));
    assertThat(first).isNotNull();
    prometheus.bearer("GET", "/actuator/prometheus", token, null);
    assertThat(
            jdbc.queryForObject(
                "SELECT last_used_at FROM api_token WHERE token_hash = ?",
                Timestamp.class,
                Secrets.sha256(token)))
        .isEqualTo(first);

    JsonNode list =
        JSON.readTree(
            script.basic("GET", "/api/v1/admin/tokens", "admin", OWNER_PASSWORD, null).body());
    long id = -1;
    for (JsonNode t : list) {
      if (t.path("label").asString().equals("prometheus")) {
        id = t.path("id").asLong();
        assertThat(t.toString()).doesNotContain(token);
        assertThat(t.path("lastUsedAt").isNull()).isFalse();
      }
    }
    assertThat(
            script
                .basic("DELETE", "/api/v1/admin/tokens/" + id, "admin", OWNER_PASSWORD, null)
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> revoked = prometheus.bearer("GET", "/actuator/prometheus", token, null);
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(revoked.body()).contains("unknown, revoked or expired");
  }

  @Test
  void aTokenHasNoMoreThanItsMakerAndExpires() throws Exception {
    account("small", "viewer");
    // A viewer makes no tokens at all (it changes nothing); a maintainer no owner tokens.
    assertThat(
            script
                .basic(
                    "POST",
                    "/api/v1/admin/tokens",
                    "small",
                    PASSWORD,
                    "{\"label\":\"x\",\"role\":\"viewer\",\"projects\":[\"tok-a\"]}")
                .statusCode())
        .isEqualTo(403);
    account("middle", "maintainer");
    HttpResponse<String> tooHigh =
        script.basic(
            "POST",
            "/api/v1/admin/tokens",
            "middle",
            PASSWORD,
            "{\"label\":\"x\",\"role\":\"owner\"}");
    assertThat(tooHigh.statusCode()).isEqualTo(400);
    assertThat(tooHigh.body()).contains("more rights than its maker");
    HttpResponse<String> otherProject =
        script.basic(
            "POST",
            "/api/v1/admin/tokens",
            "middle",
            PASSWORD,
            "{\"label\":\"x\",\"role\":\"viewer\",\"projects\":[\"default\"]}");
    assertThat(otherProject.statusCode()).isEqualTo(400);
    HttpResponse<String> badDays =
        script.basic(
            "POST",
            "/api/v1/admin/tokens",
            "middle",
            PASSWORD,
            "{\"label\":\"x\",\"role\":\"viewer\",\"projects\":[\"tok-a\"],\"expiresInDays\":0}");
    assertThat(badDays.statusCode()).isEqualTo(400);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM api_token t JOIN maintainer m ON m.id = t.maintainer_id"
                    + " WHERE m.username IN ('small', 'middle')",
                Integer.class))
        .isZero();

    String token =
        token(
            "middle",
            PASSWORD,
            "{\"label\":\"soon\",\"role\":\"maintainer\",\"projects\":[\"tok-a\"],\"expiresInDays\":1}");
    AccountClient c = client();
    assertThat(c.bearer("GET", "/api/v1/admin/projects/tok-a/keys", token, null).statusCode())
        .isEqualTo(200);
    jdbc.update(
        "UPDATE api_token SET expires_at = ? WHERE token_hash = ?",
        Timestamp.from(Instant.now().minusSeconds(1)),
        Secrets.sha256(token));
    assertThat(c.bearer("GET", "/api/v1/admin/projects/tok-a/keys", token, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void madeUpTokensAreRefusedFastAndThrottledPerSourceNotPerAccount() throws Exception {
    AccountClient guesser = client();
    int refused = 0;
    int throttled = 0;
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> r =
          guesser.bearer("GET", "/actuator/prometheus", Secrets.newKey("swt_"), null);
      if (r.statusCode() == 401) {
        refused++;
      } else if (r.statusCode() == 429) {
        throttled++;
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(5);
    assertThat(throttled).isPositive();
    assertThat(guesser.bearer("GET", "/actuator/prometheus", "not a token", null).statusCode())
        .isIn(401, 429);
    // The owner, from elsewhere, is not locked out by them.
    assertThat(
            client()
                .basic("GET", "/api/v1/admin/projects", "admin", OWNER_PASSWORD, null)
                .statusCode())
        .isEqualTo(200);
    // Tokens are taken only by the admin API and the scrape.
    assertThat(
            client().bearer("GET", "/api/v1/projects/default/matrix", "swt_x", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void theJsonApiManagesAccountsForOwnersOnly() throws Exception {
    long id = account("apiuser", "viewer");
    account("apimaint", "maintainer");
    assertThat(
            script
                .basic(
                    "POST", "/api/v1/admin/accounts/" + id + "/disable", "apimaint", PASSWORD, null)
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> reset =
        script.basic(
            "POST",
            "/api/v1/admin/accounts/" + id + "/reset-password",
            "admin",
            OWNER_PASSWORD,
            null);
    assertThat(reset.statusCode()).isEqualTo(200);
    String fresh = JSON.readTree(reset.body()).path("password").asString();
    assertThat(fresh).hasSize(24);
    AccountClient user = client();
    assertThat(user.basic("GET", "/api/v1/admin/projects", "apiuser", PASSWORD, null).statusCode())
        .isEqualTo(401);
    assertThat(user.basic("GET", "/api/v1/admin/projects", "apiuser", fresh, null).statusCode())
        .isEqualTo(200);
    // A viewer made maintainer may change its project from then on.
    assertThat(
            user.basic(
                    "POST",
                    "/api/v1/admin/projects/tok-a/keys",
                    "apiuser",
                    fresh,
                    "{\"label\":\"k\"}")
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> changed =
        script.basic(
            "PUT",
            "/api/v1/admin/accounts/" + id + "/access",
            "admin",
            OWNER_PASSWORD,
            "{\"role\":\"maintainer\",\"projects\":[\"tok-a\"]}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(changed.body()).contains("MAINTAINER");
    assertThat(
            user.basic(
                    "POST",
                    "/api/v1/admin/projects/tok-a/keys",
                    "apiuser",
                    fresh,
                    "{\"label\":\"k\"}")
                .statusCode())
        .isEqualTo(201);
    // Bad input changes nothing.
    HttpResponse<String> bad =
        script.basic(
            "PUT",
            "/api/v1/admin/accounts/" + id + "/access",
            "admin",
            OWNER_PASSWORD,
            "{\"role\":\"viewer\",\"projects\":[\"no-such\"]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(jdbc.queryForObject("SELECT role FROM maintainer WHERE id = ?", String.class, id))
        .isEqualTo("MAINTAINER");
    assertThat(
            script
                .basic(
                    "POST",
                    "/api/v1/admin/accounts/" + id + "/disable",
                    "admin",
                    OWNER_PASSWORD,
                    null)
                .statusCode())
        .isEqualTo(200);
    assertThat(user.basic("GET", "/api/v1/admin/projects", "apiuser", fresh, null).statusCode())
        .isEqualTo(401);
    assertThat(
            script
                .basic(
                    "POST", "/api/v1/admin/accounts/999999/enable", "admin", OWNER_PASSWORD, null)
                .statusCode())
        .isEqualTo(404);
  }
}
