package org.shimwatch.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts the real server on a random loopback port with its own H2 file database, a known bootstrap
 * ingest key and a known maintainer password, and talks to it over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTestSupport {

  public static final String KEY = "swk_test_key_for_the_default_project";
  public static final String ADMIN_PASSWORD = "test-admin-password";
  public static final String SECRET = "installation-secret-0123456789";

  protected static final Path dataDir;

  static {
    try {
      dataDir = Files.createTempDirectory("shimwatch-test-db");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    registry.add("shimwatch.data-dir", dataDir::toString);
    registry.add("shimwatch.bootstrap-key", () -> KEY);
    registry.add("shimwatch.admin-password", () -> ADMIN_PASSWORD);
    // Every test in this shared server sends from 127.0.0.1; the form's own limit is tested apart.
    registry.add("shimwatch.manual.sends-per-hour", () -> "1000");
  }

  /**
   * Gives a test server a data folder and H2 database of its own (the servers of this JVM's other
   * test classes share one, and their background senders would take this one's work), and returns
   * the folder. Call it from the test class's own {@code @DynamicPropertySource}.
   */
  public static String ownDatabase(DynamicPropertyRegistry registry, String prefix)
      throws IOException {
    String dir = Files.createTempDirectory(prefix).toString();
    registry.add("shimwatch.data-dir", () -> dir);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:file:" + dir + "/shimwatch;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    return dir;
  }

  protected final HttpClient http =
      HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();

  @LocalServerPort protected int port;

  @Autowired protected JdbcTemplate jdbc;

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> getAsAdmin(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", adminAuth()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  protected static String adminAuth() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /** Posts a report body to the default project with the bootstrap key and test secret. */
  protected HttpResponse<String> postReport(String body) throws IOException, InterruptedException {
    return send(
        reportRequest("default", KEY, SECRET).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  protected HttpRequest.Builder reportRequest(String project, String key, String secret) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(IngestProtocol.reportsPath(project)))
            .header("Content-Type", "application/json");
    if (key != null) {
      b.header(IngestProtocol.KEY_HEADER, key);
    }
    if (secret != null) {
      b.header(IngestProtocol.INSTALLATION_SECRET_HEADER, secret);
    }
    return b;
  }

  protected HttpResponse<String> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An example report with fresh report and installation ids. */
  protected static ObjectNode freshReport(String example) {
    ObjectNode r = (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text(example));
    r.put("reportId", UUID.randomUUID().toString());
    r.put("installationId", UUID.randomUUID().toString());
    return r;
  }

  protected int reportRows() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM report", Integer.class);
  }
}
