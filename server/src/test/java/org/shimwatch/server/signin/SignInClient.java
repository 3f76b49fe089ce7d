package org.shimwatch.server.signin;

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

/** Signs in over real HTTP as a browser or a script would, optionally through a named address. */
final class SignInClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final int port;
  private final HttpClient http;

  SignInClient(int port) {
    this.port = port;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  HttpResponse<String> basic(String path, String user, String password, String forwardedFor)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The sign-in form, filled in and posted with its CSRF token, as a browser does. */
  HttpResponse<String> form(String user, String password, String forwardedFor)
      throws IOException, InterruptedException {
    HttpResponse<String> page =
        forwardedFor == null ? get("/login") : get("/login", "X-Forwarded-For", forwardedFor);
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the sign-in page: " + page.body());
    }
    String body =
        "username="
            + enc(user)
            + "&password="
            + enc(password)
            + "&_csrf="
            + enc(m.group(1).replace("&#45;", "-"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
