package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.probe.ProbeTls;

/**
 * Scenario 10: the server behind Debian's nginx terminating TLS, configured by the example that
 * ships with the server ({@code server/src/deploy/nginx-shimwatch.conf}, only its ports and
 * certificate paths changed), with a certificate from a CA made here. Pages, sign-in, a probe's
 * upload (given the CA) and its deletion go through the proxy; the server trusts nginx's forwarded
 * headers, so its cookie is Secure and HSTS is sent.
 */
@Order(7)
class ProxyE2E {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @Test
  void pagesSignInUploadAndDeletionWorkThroughNginxWithTls() throws Exception {
    E2e.requireTools("nginx", "openssl");
    Path work = E2e.newDir("proxy");
    // nginx's workers read and write under here.
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path ca = makeCertificates(work);

    ServerProcess server =
        ServerProcess.h2("proxy", "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")
            .start();
    int https = E2e.freePort();
    int http = E2e.freePort();
    Process nginx = startNginx(work, server.port(), https, http);
    try {
      String base = "https://127.0.0.1:" + https;
      SSLContext tls = ProbeTls.context(Map.of(ProbeTls.CA_FILE_VARIABLE, ca.toString()));
      HttpClient browser =
          HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager()).build();

      // Plain HTTP is sent to HTTPS.
      HttpResponse<String> plain =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(plain.statusCode()).isEqualTo(301);
      assertThat(plain.headers().firstValue("Location").orElseThrow()).startsWith("https://");

      // The public page, with HSTS because the server believes nginx's X-Forwarded-Proto.
      HttpResponse<String> home = get(browser, base + "/");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.headers().firstValue("Strict-Transport-Security")).isPresent();

      // Sign-in: a Secure cookie, and the redirect comes back to the proxy's own port.
      HttpResponse<String> login = get(browser, base + "/login");
      String cookie =
          login.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("JSESSIONID="))
              .findFirst()
              .orElseThrow();
      assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
      Matcher m = CSRF.matcher(login.body());
      assertThat(m.find()).as("CSRF token on %s", login.body()).isTrue();
      HttpResponse<String> signedIn =
          browser.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username=admin&password="
                              + URLEncoder.encode(E2e.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                              + "&_csrf="
                              + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.statusCode()).isEqualTo(302);
      assertThat(signedIn.headers().firstValue("Location").orElseThrow())
          .isEqualTo(base + "/")
          .doesNotContain("error");
      assertThat(get(browser, base + "/maintainer/reports").statusCode()).isEqualTo(200);

      // A probe given the CA sends through the proxy; without it, it refuses the certificate
      // and keeps its report queued.
      ProbeHome probe = new ProbeHome("proxy", base);
      probe.consent(2);
      Map<String, String> withCa = Map.of(ProbeTls.CA_FILE_VARIABLE, ca.toString());
      probe.queue(1, "linux-aria2c-works", null);
      E2e.Result refused = probe.cli("submit", "--pending");
      assertThat(refused.exit()).as("without the CA: %s", refused.output()).isNotZero();
      assertThat(refused.output().toLowerCase(java.util.Locale.ROOT))
          .containsAnyOf("certificate", "pkix", "handshake", "tls", "ssl");
      assertThat(probe.outboxSize()).isEqualTo(1);
      E2e.Result sent = probe.cli(withCa, "submit", "--pending");
      assertThat(sent.exit()).as("with the CA: %s", sent.output()).isZero();
      assertThat(probe.outboxSize()).isZero();
      probe.queue(1, "linux-aria2c-works", null);
      assertThat(probe.cli(withCa, "submit", "--pending").exit()).isZero();
      assertThat(probe.sentIds()).hasSize(2);

      // Deletion without an account, through the proxy.
      E2e.Result forgot = probe.cli(withCa, "forget", "--yes");
      assertThat(forgot.exit()).as("forget: %s", forgot.output()).isZero();
      assertThat(forgot.output()).contains("server: deleted 2 report(s)");

      // Guessing through the proxy is throttled, and the wait reaches the client.
      int throttledAt = -1;
      String retryAfter = null;
      for (int i = 0; i < 10 && throttledAt < 0; i++) {
        HttpResponse<String> guess =
            browser.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    ("guesser:guess" + i).getBytes(StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (guess.statusCode() == 429) {
          throttledAt = i + 1;
          retryAfter = guess.headers().firstValue("Retry-After").orElse(null);
        } else {
          assertThat(guess.statusCode()).isEqualTo(401);
        }
      }
      assertThat(throttledAt).as("the guess that was turned away").isEqualTo(7);
      assertThat(retryAfter).isNotNull();

      E2e.figures(
          "proxy",
          E2e.map(
              "nginx",
              nginxVersion(),
              "hsts",
              home.headers().firstValue("Strict-Transport-Security").orElse(""),
              "reportsSentWithCa",
              2,
              "sentWithoutCa",
              0,
              "throttledAtGuess",
              throttledAt,
              "retryAfter",
              retryAfter));
    } finally {
      E2e.destroyTree(nginx);
      server.stop();
    }
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A CA and a certificate for 127.0.0.1 signed by it, made with openssl. Returns the CA. */
  private static Path makeCertificates(Path work) throws Exception {
    Files.writeString(
        work.resolve("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    openssl(
        work,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Shimwatch e2e CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    openssl(
        work,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    openssl(
        work,
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext");
    return work.resolve("ca.pem");
  }

  private static void openssl(Path work, String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    E2e.Result r = E2e.run(cmd, Map.of(), work, Duration.ofSeconds(60));
    assertThat(r.exit()).as("openssl %s: %s", String.join(" ", args), r.output()).isZero();
  }

  /** The shipped example with this test's ports and certificate, inside a minimal nginx.conf. */
  private static Process startNginx(Path work, int serverPort, int https, int http)
      throws Exception {
    String site = Files.readString(E2e.repo().resolve("server/src/deploy/nginx-shimwatch.conf"));
    site = replace(site, "listen 80;", "listen 127.0.0.1:" + http + ";");
    site = replace(site, "listen [::]:80;", "");
    site = replace(site, "listen 443 ssl;", "listen 127.0.0.1:" + https + " ssl;");
    site = replace(site, "listen [::]:443 ssl;", "");
    site =
        replace(
            site,
            "/etc/letsencrypt/live/shimwatch.example.org/fullchain.pem",
            work.resolve("server.pem").toString());
    site =
        replace(
            site,
            "/etc/letsencrypt/live/shimwatch.example.org/privkey.pem",
            work.resolve("server.key").toString());
    site = replace(site, "http://127.0.0.1:8080", "http://127.0.0.1:" + serverPort);
    Files.writeString(work.resolve("site.conf"), site);
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    boolean root = "root".equals(System.getProperty("user.name"));
    String conf =
        (root ? "user root;\n" : "")
            + "worker_processes 1;\n"
            + "pid "
            + work.resolve("nginx.pid")
            + ";\n"
            + "error_log "
            + work.resolve("error.log")
            + " warn;\n"
            + "events { worker_connections 256; }\n"
            + "http {\n"
            + "  client_body_temp_path "
            + tmp.resolve("body")
            + ";\n"
            + "  proxy_temp_path "
            + tmp.resolve("proxy")
            + ";\n"
            + "  fastcgi_temp_path "
            + tmp.resolve("fastcgi")
            + ";\n"
            + "  uwsgi_temp_path "
            + tmp.resolve("uwsgi")
            + ";\n"
            + "  scgi_temp_path "
            + tmp.resolve("scgi")
            + ";\n"
            + "  include "
            + work.resolve("site.conf")
            + ";\n"
            + "}\n";
    Path confFile = work.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    String nginx = E2e.which("nginx").toString();
    E2e.Result check =
        E2e.run(
            List.of(nginx, "-t", "-p", work.toString(), "-c", confFile.toString()),
            Map.of(),
            work,
            Duration.ofSeconds(30));
    assertThat(check.exit()).as("nginx -t: %s", check.output()).isZero();
    Process p =
        E2e.start(
            List.of(nginx, "-p", work.toString(), "-c", confFile.toString(), "-g", "daemon off;"),
            Map.of(),
            work,
            work.resolve("nginx.out"));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", https)) {
        return p;
      } catch (java.io.IOException e) {
        if (!p.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError(
        "nginx did not listen: "
            + E2e.read(work.resolve("error.log"))
            + E2e.read(work.resolve("nginx.out")));
  }

  private static String replace(String text, String what, String with) {
    assertThat(text).as("the shipped nginx example still has '%s'", what).contains(what);
    return text.replace(what, with);
  }

  private static String nginxVersion() {
    E2e.Result v =
        E2e.run(
            List.of(E2e.which("nginx").toString(), "-v"),
            Map.of(),
            E2e.runDir(),
            Duration.ofSeconds(10));
    return v.output().strip().replace("nginx version: ", "");
  }
}
