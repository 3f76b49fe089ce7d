package org.shimwatch.server.maintainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every maintainer page and admin API route the server has, found from its own handler mapping (so
 * a route added later is walked too), asked through the real filter chains over HTTP by each role:
 * a maintainer of project A never gets project B's data, a viewer changes nothing, and the
 * owner-only paths refuse the others.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIntegrationTests {

  static final String OWNER_PASSWORD = "matrix-owner-password";
  static final String PASSWORD = "matrix-account-password";

  /** Project B's name appears only in B's own data. */
  static final String B_NAME = "Bee project kept apart";

  private static final Path dataDir;

  static {
    try {
      dataDir = Files.createTempDirectory("shimwatch-access");
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

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private AccountClient script;

  @BeforeAll
  void accounts() throws Exception {
    script = new AccountClient(port, "192.0.2.1");
    owner("POST", "/api/v1/admin/projects", "{\"slug\":\"acc-a\",\"name\":\"Project A\"}", 201);
    owner(
        "POST", "/api/v1/admin/projects", "{\"slug\":\"acc-b\",\"name\":\"" + B_NAME + "\"}", 201);
    owner("POST", "/api/v1/admin/projects/acc-b/keys", "{\"label\":\"b key\"}", 201);
    createAccount("maint-a", "maintainer", "acc-a");
    createAccount("view-a", "viewer", "acc-a");
  }

  private void createAccount(String name, String role, String project) throws Exception {
    owner(
        "POST",
        "/api/v1/admin/accounts",
        "{\"username\":\""
            + name
            + "\",\"role\":\""
            + role
            + "\",\"projects\":[\""
            + project
            + "\"],\"password\":\""
            + PASSWORD
            + "\"}",
        201);
  }

  private HttpResponse<String> owner(String method, String path, String json, int expected)
      throws Exception {
    HttpResponse<String> r = script.basic(method, path, "admin", OWNER_PASSWORD, json);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    return r;
  }

  /** One route to ask: its method and path pattern, and the handler behind it. */
  record Route(String method, String pattern, HandlerMethod handler) {
    boolean page() {
      return pattern.startsWith("/maintainer");
    }

    boolean ownAccount() {
      return pattern.startsWith("/maintainer/account/") || pattern.equals("/maintainer/account");
    }

    /** The path with its variables filled in, naming {@code project} where one is named. */
    String path(String project) {
      Matcher m = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), project)));
      }
      m.appendTail(out);
      return out + "?project=" + project;
    }

    private String value(String variable, String project) {
      for (MethodParameter p : handler.getMethodParameters()) {
        PathVariable pv = p.getParameterAnnotation(PathVariable.class);
        if (pv == null) {
          continue;
        }
        p.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
        String name = !pv.value().isEmpty() ? pv.value() : p.getParameterName();
        if (variable.equals(name)) {
          Class<?> type = p.getParameterType();
          if (type == UUID.class) {
            return UUID.randomUUID().toString();
          }
          if (type == long.class || type == Long.class || type == int.class) {
            return "1";
          }
        }
      }
      return project;
    }
  }

  /** Every maintainer page and admin API route, from the server's own handler mapping. */
  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
      for (String pattern : e.getKey().getPatternValues()) {
        if (!pattern.startsWith("/maintainer") && !pattern.startsWith("/api/v1/admin")) {
          continue;
        }
        if (methods.isEmpty()) {
          routes.add(new Route("GET", pattern, e.getValue()));
          routes.add(new Route("POST", pattern, e.getValue()));
        }
        for (RequestMethod m : methods) {
          routes.add(new Route(m.name(), pattern, e.getValue()));
        }
      }
    }
    return routes;
  }

  @Test
  void aMaintainerOfOneProjectNeverReachesAnother() throws Exception {
    AccountClient page = new AccountClient(port, "192.0.2.10");
    assertThat(page.signIn("maint-a", PASSWORD)).isTrue();
    AccountClient api = new AccountClient(port, "192.0.2.11");
    List<Route> routes = routes();
    assertThat(routes).as("the walk finds the routes").hasSizeGreaterThan(40);
    System.out.println("access matrix: " + routes.size() + " maintainer and admin API routes");
    List<String> leaks = new ArrayList<>();
    for (Route r : routes) {
      String path = r.path("acc-b");
      HttpResponse<String> answer =
          r.page()
              ? page.page(r.method(), path, "")
              : api.basic(r.method(), path, "maint-a", PASSWORD, "{}");
      if ((answer.statusCode() != 404 && answer.statusCode() != 403)
          || answer.body().contains(B_NAME)
          || answer.body().contains("b key")) {
        leaks.add(r.method() + " " + path + " -> " + answer.statusCode());
      }
    }
    assertThat(leaks).as("routes that answered about project B").isEmpty();
  }

  @Test
  void aViewerChangesNothingAnywhereAndSeesOnlyItsProjects() throws Exception {
    AccountClient page = new AccountClient(port, "192.0.2.20");
    assertThat(page.signIn("view-a", PASSWORD)).isTrue();
    AccountClient api = new AccountClient(port, "192.0.2.21");
    List<String> wrong = new ArrayList<>();
    for (Route r : routes()) {
      if (r.ownAccount()) {
        continue; // one's own password and sessions: every role may; tested on their own
      }
      boolean read = r.method().equals("GET");
      // A change to its own project is refused as much as one to another.
      String path = r.path(read ? "acc-b" : "acc-a");
      HttpResponse<String> answer =
          r.page()
              ? page.page(r.method(), path, "")
              : api.basic(r.method(), path, "view-a", PASSWORD, "{}");
      boolean right =
          read
              ? (answer.statusCode() == 404 || answer.statusCode() == 403)
                  && !answer.body().contains(B_NAME)
              : answer.statusCode() == 403;
      if (!right) {
        wrong.add(r.method() + " " + path + " -> " + answer.statusCode());
      }
    }
    assertThat(wrong).isEmpty();
    // What it may see, it sees.
    HttpResponse<String> own = page.page("GET", "/maintainer?project=acc-a", null);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("signed in as a viewer");
    HttpResponse<String> projects =
        api.basic("GET", "/api/v1/admin/projects", "view-a", PASSWORD, null);
    assertThat(projects.statusCode()).isEqualTo(200);
    assertThat(projects.body()).contains("acc-a").doesNotContain("acc-b");
  }

  @Test
  void ownerOnlyPathsRefuseMaintainersAndViewers() throws Exception {
    for (String user : List.of("maint-a", "view-a")) {
      AccountClient page = new AccountClient(port, "192.0.2.3" + user.length());
      assertThat(page.signIn(user, PASSWORD)).isTrue();
      HttpResponse<String> accounts = page.page("GET", "/maintainer/accounts", null);
      assertThat(accounts.statusCode()).isEqualTo(403);
      assertThat(accounts.body()).contains("role may not do this");
      assertThat(page.page("POST", "/maintainer/projects", "slug=sneaky").statusCode())
          .isEqualTo(403);
      for (String path :
          List.of(
              "/api/v1/admin/accounts", "/api/v1/admin/server/backup", "/api/v1/admin/server")) {
        HttpResponse<String> r = script.basic("GET", path, user, PASSWORD, null);
        assertThat(r.statusCode()).as(path).isEqualTo(403);
        assertThat(r.body()).contains("forbidden");
      }
      assertThat(
              script
                  .basic("POST", "/api/v1/admin/projects", user, PASSWORD, "{\"slug\":\"sneaky\"}")
                  .statusCode())
          .isEqualTo(403);
    }
    // The owner sees everything, the first account included.
    HttpResponse<String> all = owner("GET", "/api/v1/admin/projects", null, 200);
    assertThat(all.body()).contains("acc-a", "acc-b", "default");
    assertThat(owner("GET", "/api/v1/admin/accounts", null, 200).body())
        .contains("\"admin\"", "OWNER", "maint-a", "view-a");
  }

  @Test
  void aMaintainerWorksOnItsOwnProject() throws Exception {
    AccountClient page = new AccountClient(port, "192.0.2.40");
    assertThat(page.signIn("maint-a", PASSWORD)).isTrue();
    HttpResponse<String> overview = page.page("GET", "/maintainer", null);
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("acc-a").doesNotContain("acc-b").doesNotContain(B_NAME);
    HttpResponse<String> projects = page.page("GET", "/maintainer/projects", null);
    assertThat(projects.body()).contains("acc-a").doesNotContain(B_NAME);
    assertThat(projects.body()).doesNotContain("Create project");
    assertThat(page.page("POST", "/maintainer/projects/acc-a/keys", "label=ci").statusCode())
        .isEqualTo(303);
    assertThat(
            script
                .basic("GET", "/api/v1/admin/projects/acc-a/keys", "maint-a", PASSWORD, null)
                .body())
        .contains("ci");
  }
}
