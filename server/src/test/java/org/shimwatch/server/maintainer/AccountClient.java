package org.shimwatch.server.maintainer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to the real server over loopback as one source address (the test server trusts 127.0.0.1's
 * forwarded headers, so each client may stand for its own address): as a browser with its own
 * cookies and the CSRF token of its session, or as a script with HTTP basic or a token.
 */
public final class AccountClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final int port;
  private final String from;
  private final HttpClient http;
  private String csrf;

  public AccountClient(int port, String from) {
    this.port = port;
    this.from = from;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();
  }

  /** Signs in with the form; true when the server took the password. */
  public boolean signIn(String user, String password) throws IOException, InterruptedException {
    HttpResponse<String> login = page("GET", "/login", null);
    Matcher m = CSRF.matcher(login.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the sign-in page");
    }
    HttpResponse<String> r =
        send(
            "POST",
            "/login",
            "username="
                + enc(user)
                + "&password="
                + enc(password)
                + "&_csrf="
                + enc(token(m.group(1))),
            "application/x-www-form-urlencoded",
            null);
    boolean ok =
        r.statusCode() == 302 && !r.headers().firstValue("Location").orElse("").contains("error");
    csrf = null;
    return ok;
  }

  /** A page request in this browser's session. */
  public HttpResponse<String> page(String method, String path, String form)
      throws IOException, InterruptedException {
    if ("GET".equals(method)) {
      HttpResponse<String> r = send("GET", path, null, null, null);
      return r;
    }
    if (csrf == null) {
      HttpResponse<String> p = send("GET", "/maintainer/account", null, null, null);
      Matcher m = CSRF.matcher(p.body());
      if (!m.find()) {
        throw new AssertionError("no CSRF token on the account page: " + p.statusCode());
      }
      csrf = token(m.group(1));
    }
    String body = (form == null || form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(csrf);
    return send(method, path, body, "application/x-www-form-urlencoded", null);
  }

  /**
   * A form post in this browser's session that leaves out the CSRF token, as a forged one would.
   */
  public HttpResponse<String> postWithoutCsrf(String path, String form)
      throws IOException, InterruptedException {
    return send("POST", path, form, "application/x-www-form-urlencoded", null);
  }

  /** An API request with HTTP basic credentials. */
  public HttpResponse<String> basic(
      String method, String path, String user, String password, String json)
      throws IOException, InterruptedException {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(method, path, json, json == null ? null : "application/json", auth);
  }

  /** An API request with a token. */
  public HttpResponse<String> bearer(String method, String path, String token, String json)
      throws IOException, InterruptedException {
    return send(method, path, json, json == null ? null : "application/json", "Bearer " + token);
  }

  private HttpResponse<String> send(
      String method, String path, String body, String type, String auth)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("X-Forwarded-For", from)
            .header(
                "Accept",
                path.startsWith("/api/")
                    ? "application/json"
                    : path.startsWith("/actuator/") ? "*/*" : "text/html")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String html) {
    return html.replace("&#45;", "-").replace("&#61;", "=").replace("&#95;", "_");
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
