package org.shimwatch.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.ServerTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route the running application maps, requested without signing in: only the public ones may
 * answer 2xx, the maintainer pages send the visitor to the sign-in page, and nothing answers 5xx.
 * Routes added later are covered without touching this test.
 */
class AnonymousRoutesIntegrationTests extends ServerTestSupport {

  /** Routes anyone may use (ingest and deletion check their own key or secret). */
  static final List<Pattern> PUBLIC =
      List.of(
          Pattern.compile("/"),
          Pattern.compile("/matrix(/.*)?"),
          Pattern.compile("/check/[^/]+"),
          Pattern.compile("/badge/.*"),
          Pattern.compile("/known-issues/[^/]+"),
          Pattern.compile("/collect"),
          Pattern.compile("/probe(/.*)?"),
          Pattern.compile("/report(/.*)?"),
          Pattern.compile("/login"),
          Pattern.compile("/error"),
          Pattern.compile("/api/v1/ping"),
          Pattern.compile("/api/v1/projects/[^/]+/(matrix|reports|check)"),
          Pattern.compile("/api/v1/installations/.*"),
          Pattern.compile("/v3/api-docs.*"),
          Pattern.compile("/swagger-ui.*"),
          Pattern.compile("/actuator/health(/.*)?"),
          Pattern.compile("/actuator/info"),
          Pattern.compile("/actuator"));

  private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

  @Autowired ApplicationContext context;

  private final HttpClient anonymous =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void onlyPublicRoutesAnswerAnonymousVisitors() throws Exception {
    Set<String> routes = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
          if (methods.isEmpty()) {
            routes.add("GET " + pattern);
          }
          for (RequestMethod m : methods) {
            routes.add(m.name() + " " + pattern);
          }
        }
      }
    }
    assertThat(routes)
        .as("the application's routes, found through its handler mappings")
        .contains("GET /", "GET /login", "POST /api/v1/projects/{project}/reports")
        .anyMatch(r -> r.contains("/api/v1/admin/"));

    List<String> failures = new ArrayList<>();
    int maintainerRoutes = 0;
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String path = concrete(route.substring(route.indexOf(' ') + 1));
      HttpResponse<String> response = send(method, path);
      int status = response.statusCode();
      boolean isPublic = PUBLIC.stream().anyMatch(p -> p.matcher(path).matches());
      String seen = route + " -> " + path + " answered " + status;
      if (status >= 500) {
        failures.add(seen + " (server error)");
      } else if (!isPublic && status >= 200 && status < 300) {
        failures.add(seen + " to an anonymous visitor");
      } else if (path.startsWith("/maintainer")) {
        maintainerRoutes++;
        if ("GET".equals(method)
            && !(status == 302
                && response.headers().firstValue("Location").orElse("").endsWith("/login"))) {
          failures.add(seen + ", not a redirect to the sign-in page");
        }
      } else if (path.startsWith("/api/v1/admin") && status != 401) {
        failures.add(seen + ", not 401");
      }
    }
    assertThat(failures).isEmpty();
    assertThat(maintainerRoutes).as("maintainer routes checked").isPositive();
  }

  @Test
  void publicPagesAnswerWithoutSigningIn() throws Exception {
    for (String path : List.of("/", "/collect", "/probe", "/report/new", "/login")) {
      assertThat(send("GET", path).statusCode()).as(path).isEqualTo(200);
    }
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path)).timeout(java.time.Duration.ofSeconds(30));
    if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString("a=b"));
    }
    return anonymous.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Fills path variables with plausible values: the default project, a number, a UUID. */
  static String concrete(String pattern) {
    Matcher m = VARIABLE.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
      String value;
      if (name.contains("project") || name.equals("slug")) {
        value = "default";
      } else if (name.contains("report")
          || name.contains("installation")
          || name.equals("id") && pattern.contains("installations")) {
        value = "00000000-0000-4000-8000-000000000001";
      } else if (name.endsWith("id")) {
        value = "1";
      } else {
        value = "x";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString().replace("/**", "/x");
  }
}
