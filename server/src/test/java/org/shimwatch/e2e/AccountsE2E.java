package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.maintainer.AccountClient;

/**
 * Scenario 15: several people on one server jar. The owner signs in with the password the first
 * start wrote to {@code first-owner-password}, makes two projects, a maintainer of the first (with
 * a password the server chooses and shows once) and a viewer, and a viewer token for the Prometheus
 * scrape; the scrape works with the token until it is revoked. The maintainer cannot see the other
 * project, the viewer cannot change anything, and "sign out every session" ends the maintainer's
 * other session.
 */
@Order(7)
class AccountsE2E {

  private static final Pattern SECRET = Pattern.compile("id=\"secret\">([^<]+)<");
  private static final Pattern REVOKE = Pattern.compile("/maintainer/tokens/(\\d+)/revoke");
  static final String VIEWER_PASSWORD = "viewer-password-e2e-1";

  @Test
  void ownerMaintainerViewerAndAPrometheusToken() throws Exception {
    ServerProcess server = ServerProcess.h2WithFirstOwnerFile("accounts").start();
    try {
      Path file = server.dataDir().resolve("first-owner-password");
      String ownerPassword = Files.readString(file).strip();
      int port = server.port();

      AccountClient owner = new AccountClient(port, "203.0.113.1");
      assertThat(owner.signIn("admin", ownerPassword)).as("owner signs in").isTrue();
      for (String p : new String[] {"proj-a", "proj-b"}) {
        assertThat(
                owner
                    .page("POST", "/maintainer/projects", "slug=" + p + "&name=Project+" + p)
                    .statusCode())
            .isEqualTo(303);
      }
      assertThat(
              owner
                  .page(
                      "POST",
                      "/maintainer/accounts",
                      "username=maria&role=maintainer&projects=proj-a")
                  .statusCode())
          .isEqualTo(303);
      String mariaPassword = secret(owner.page("GET", "/maintainer/accounts/secret", null));
      assertThat(
              owner
                  .page(
                      "POST",
                      "/maintainer/accounts",
                      "username=victor&role=viewer&projects=proj-a&password=" + VIEWER_PASSWORD)
                  .statusCode())
          .isEqualTo(303);

      // A token for Prometheus with viewer scope, shown once.
      assertThat(
              owner
                  .page(
                      "POST",
                      "/maintainer/tokens",
                      "label=prometheus&role=viewer&projects=proj-a&days=30")
                  .statusCode())
          .isEqualTo(303);
      String token = secret(owner.page("GET", "/maintainer/tokens/secret", null));
      assertThat(token).startsWith("swt_");
      AccountClient prometheus = new AccountClient(port, "203.0.113.9");
      HttpResponse<String> scrape = prometheus.bearer("GET", "/actuator/prometheus", token, null);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("jvm_memory_used_bytes");
      HttpResponse<String> tokens = owner.page("GET", "/maintainer/tokens", null);
      assertThat(tokens.body()).contains("prometheus").doesNotContain(token);
      Matcher revoke = REVOKE.matcher(tokens.body());
      assertThat(revoke.find()).isTrue();
      assertThat(owner.page("POST", revoke.group(0), null).statusCode()).isEqualTo(303);
      HttpResponse<String> after = prometheus.bearer("GET", "/actuator/prometheus", token, null);
      assertThat(after.statusCode()).isEqualTo(401);

      // The maintainer of A sees A and nothing of B.
      AccountClient maria = new AccountClient(port, "203.0.113.2");
      assertThat(maria.signIn("maria", mariaPassword)).isTrue();
      assertThat(maria.page("GET", "/maintainer?project=proj-a", null).statusCode()).isEqualTo(200);
      assertThat(maria.page("GET", "/maintainer?project=proj-b", null).statusCode()).isEqualTo(404);
      assertThat(maria.page("GET", "/maintainer/traps?project=proj-b", null).statusCode())
          .isEqualTo(404);
      assertThat(maria.page("GET", "/maintainer/projects", null).body())
          .contains("proj-a")
          .doesNotContain("proj-b");
      assertThat(
              maria
                  .basic("GET", "/api/v1/admin/projects/proj-b/keys", "maria", mariaPassword, null)
                  .statusCode())
          .isEqualTo(404);
      assertThat(maria.page("POST", "/maintainer/projects/proj-a/keys", "label=ci").statusCode())
          .isEqualTo(303);

      // The viewer sees A and changes nothing, on pages or by the API.
      AccountClient victor = new AccountClient(port, "203.0.113.3");
      assertThat(victor.signIn("victor", VIEWER_PASSWORD)).isTrue();
      assertThat(victor.page("GET", "/maintainer/traps?project=proj-a", null).statusCode())
          .isEqualTo(200);
      int viewerTries = 0;
      for (String[] change :
          new String[][] {
            {"/maintainer/projects/proj-a/keys", "label=sneaky"},
            {"/maintainer/advice?project=proj-a", "title=x&body=y"},
            {"/maintainer/projects", "slug=sneaky"},
            {"/maintainer/tokens", "label=sneaky&role=viewer&projects=proj-a"},
          }) {
        assertThat(victor.page("POST", change[0], change[1]).statusCode())
            .as(change[0])
            .isEqualTo(403);
        viewerTries++;
      }
      assertThat(
              victor
                  .basic(
                      "POST",
                      "/api/v1/admin/projects/proj-a/keys",
                      "victor",
                      VIEWER_PASSWORD,
                      "{\"label\":\"sneaky\"}")
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              owner
                  .basic("GET", "/api/v1/admin/projects/proj-a/keys", "admin", ownerPassword, null)
                  .body())
          .contains("ci")
          .doesNotContain("sneaky");

      // Sign out every session: maria's other session ends too.
      AccountClient mariaPhone = new AccountClient(port, "203.0.113.4");
      assertThat(mariaPhone.signIn("maria", mariaPassword)).isTrue();
      assertThat(mariaPhone.page("GET", "/maintainer/account", null).statusCode()).isEqualTo(200);
      assertThat(maria.page("POST", "/maintainer/account/sign-out-everywhere", null).statusCode())
          .isEqualTo(303);
      HttpResponse<String> ended = mariaPhone.page("GET", "/maintainer/account", null);
      assertThat(ended.statusCode()).isEqualTo(302);
      assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login");

      String log = E2e.read(server.logs().get(0));
      assertThat(log).doesNotContain(ownerPassword).doesNotContain(token);
      E2e.figures(
          "accounts",
          E2e.map(
              "accounts",
              3,
              "scrapeWithToken",
              scrape.statusCode(),
              "scrapeAfterRevoke",
              after.statusCode(),
              "viewerChangesRefused",
              viewerTries + 1,
              "otherSessionAfterSignOutAll",
              ended.statusCode()));
    } finally {
      server.stop();
    }
  }

  private static String secret(HttpResponse<String> page) {
    Matcher m = SECRET.matcher(page.body());
    assertThat(m.find()).as("a secret shown once on the page").isTrue();
    return m.group(1);
  }
}
