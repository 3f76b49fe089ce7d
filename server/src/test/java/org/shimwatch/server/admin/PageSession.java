package org.shimwatch.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.shimwatch.server.ServerTestSupport;

/**
 * A browser's view of the pages: one cookie jar, redirects not followed, forms posted with the CSRF
 * token of the last page read.
 */
final class PageSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final Function<String, URI> uri;
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private String token;

  PageSession(Function<String, URI> uri) {
    this.uri = uri;
  }

  /** A session signed in as the test maintainer. */
  static PageSession signedIn(Function<String, URI> uri) throws Exception {
    PageSession s = new PageSession(uri);
    s.get("/login");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", "admin");
    form.put("password", ServerTestSupport.ADMIN_PASSWORD);
    HttpResponse<String> r = s.post("/login", form);
    assertThat(r.statusCode()).as("sign-in answers with a redirect").isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return s;
  }

  /** The CSRF token of the last page read. */
  String token() {
    return token;
  }

  /** Reads a page, keeping its CSRF token for the next post. */
  HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri.apply(path)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      token = m.group(1);
    }
    return r;
  }

  /** Posts a form with the CSRF token of the last page read. */
  HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    Map<String, String> f = new LinkedHashMap<>(form);
    if (token != null) {
      f.put("_csrf", token);
    }
    return postRaw(path, f);
  }

  /** Posts exactly this form, token or not. */
  HttpResponse<String> postRaw(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri.apply(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      token = m.group(1);
    }
    return r;
  }

  /** Follows a post's redirect, as a browser would. */
  HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
    assertThat(redirect.statusCode()).as(redirect.body()).isIn(302, 303);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    URI to = URI.create(location);
    String path = to.isAbsolute() ? to.getRawPath() + query(to) : location;
    return get(path);
  }

  private static String query(URI u) {
    return u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
