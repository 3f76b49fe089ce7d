package org.shimwatch.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * The built server jar as its own process on a loopback port: started, waited for, killed with
 * SIGKILL or stopped gracefully, and started again on the same port and database. Each start writes
 * its log to its own file, which the privacy audit reads afterwards.
 */
final class ServerProcess implements AutoCloseable {

  /** Every server started in this run, for the privacy audit. */
  private static final List<ServerProcess> ALL = new CopyOnWriteArrayList<>();

  static final Duration START_LIMIT = Duration.ofSeconds(120);

  private final String name;
  private final int port;
  private final Path dataDir;
  private final String schema;
  private final List<String> extra;
  private boolean firstOwnerFile;
  private final List<Path> logs = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private Process process;

  private ServerProcess(String name, Path dataDir, String schema, List<String> extra) {
    this.name = name;
    this.port = E2e.freePort();
    this.dataDir = dataDir;
    this.schema = schema;
    this.extra = List.copyOf(extra);
    ALL.add(this);
  }

  /** The setting that makes a server write its log as JSON lines (Elastic Common Schema). */
  static final String STRUCTURED_LOGS = "--logging.structured.format.console=ecs";

  /** A server on its own H2 file database. */
  static ServerProcess h2(String name, String... extra) {
    return new ServerProcess(name, E2e.newDir("server-" + name), null, List.of(extra));
  }

  /** A server on a schema of the test PostgreSQL server; several may share one schema. */
  static ServerProcess postgres(String name, String schema, String... extra) {
    return new ServerProcess(name, E2e.newDir("server-" + name), schema, List.of(extra));
  }

  /**
   * A server on its own H2 file database that is given no first owner's password, so it writes one
   * to {@code first-owner-password} in its data folder.
   */
  static ServerProcess h2WithFirstOwnerFile(String name, String... extra) {
    ServerProcess p = h2(name, extra);
    p.firstOwnerFile = true;
    return p;
  }

  static List<ServerProcess> all() {
    return List.copyOf(ALL);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Path dataDir() {
    return dataDir;
  }

  /** The PostgreSQL schema, or {@code null} on H2. */
  String schema() {
    return schema;
  }

  /** Whether this server writes JSON log lines. */
  boolean structuredLogs() {
    return extra.contains(STRUCTURED_LOGS);
  }

  List<Path> logs() {
    return List.copyOf(logs);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Starts the process and returns without waiting for it to answer. */
  ServerProcess launch() {
    if (running()) {
      throw new IllegalStateException(name + " is running already");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(E2e.java());
    cmd.add("-Xmx512m");
    cmd.add("-jar");
    cmd.add(E2e.serverJar().toString());
    cmd.add("--server.port=" + port);
    cmd.add("--server.address=127.0.0.1");
    cmd.add("--shimwatch.data-dir=" + dataDir);
    cmd.add("--shimwatch.bootstrap-key=" + E2e.KEY);
    if (!firstOwnerFile) {
      cmd.add("--shimwatch.admin-password=" + E2e.ADMIN_PASSWORD);
    }
    if (schema != null) {
      cmd.add("--spring.profiles.active=postgres");
      cmd.add(
          "--spring.datasource.url="
              + E2e.PG_URL
              + (E2e.PG_URL.contains("?") ? "&" : "?")
              + "currentSchema="
              + schema);
      cmd.add("--spring.datasource.username=" + E2e.PG_USER);
      cmd.add("--spring.datasource.password=" + E2e.PG_PASSWORD);
      cmd.add("--spring.flyway.schemas=" + schema);
      cmd.add("--spring.flyway.default-schema=" + schema);
      cmd.add("--spring.flyway.create-schemas=true");
    }
    cmd.addAll(extra);
    Path log = dataDir.resolve("server-" + (logs.size() + 1) + ".log");
    logs.add(log);
    process = E2e.start(cmd, Map.of(), dataDir, log);
    return this;
  }

  /** Starts the process and waits until it reports healthy. */
  ServerProcess start() {
    launch();
    awaitHealthy();
    return this;
  }

  void awaitHealthy() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(name + " ended while starting:\n" + tail());
      }
      try {
        HttpResponse<String> r = get("/actuator/health", false);
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      sleep(200);
    }
    fail(name + " did not become healthy within " + START_LIMIT + ":\n" + tail());
  }

  /** SIGKILL, as a power cut or the OOM killer would. */
  void kill() {
    E2e.destroyTree(process);
  }

  /** SIGTERM and wait for the graceful shutdown (in-flight ingests finish). */
  void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        E2e.destroyTree(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      E2e.destroyTree(process);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The database: the H2 file (only while the server is stopped) or the PostgreSQL schema. */
  Connection database() throws SQLException {
    if (schema != null) {
      return E2e.postgres(schema);
    }
    if (running()) {
      throw new IllegalStateException("the H2 file is locked while " + name + " runs");
    }
    return E2e.h2(dataDir);
  }

  String tail() {
    if (logs.isEmpty()) {
      return "(no log)";
    }
    String text = E2e.read(logs.get(logs.size() - 1));
    return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
  }

  // --- HTTP ----------------------------------------------------------------------------------

  HttpResponse<String> get(String path, boolean admin) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    if (admin) {
      b.header("Authorization", adminAuth());
    }
    return send(b.GET().build());
  }

  /** A maintainer GET that must answer 200 with JSON. */
  JsonNode adminJson(String path) throws IOException {
    HttpResponse<String> r = get(path, true);
    if (r.statusCode() != 200) {
      fail("GET " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return ReportJson.mapper().readTree(r.body());
  }

  /** Posts a report body as a probe would, with extra headers. */
  HttpResponse<String> postReport(String body, String secret, String... headers)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + IngestProtocol.reportsPath("default")))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header(IngestProtocol.KEY_HEADER, E2e.KEY)
            .header(IngestProtocol.INSTALLATION_SECRET_HEADER, secret);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  HttpClient http() {
    return http;
  }

  static String adminAuth() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + E2e.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // --- the server most scenarios share ------------------------------------------------------

  private static ServerProcess shared;

  /**
   * One H2 server the swarm, crash, probe-kill, load and bad-input scenarios share (each compares
   * before and after), so the run does not pay for a start per scenario.
   */
  static synchronized ServerProcess shared() {
    if (shared == null || !shared.running()) {
      if (shared == null) {
        shared = h2("shared");
      }
      shared.start();
    }
    return shared;
  }

  /** The shared server, stopped (started once first when no scenario has), for its file. */
  static synchronized ServerProcess sharedStopped() {
    if (shared == null) {
      shared = h2("shared");
    }
    if (shared.running()) {
      shared.stop();
    } else if (shared.logs.isEmpty()) {
      shared.start();
      shared.stop();
    }
    return shared;
  }

  /** The shared server, or {@code null} when no scenario started it. */
  static synchronized ServerProcess sharedIfStarted() {
    return shared;
  }
}
