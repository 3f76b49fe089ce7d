package org.shimwatch.server.move;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.PostgresTestDatabase;
import org.shimwatch.server.ShimwatchServerApplication;
import org.shimwatch.server.traps.TrapGroupService;
import org.shimwatch.web.admin.CommentModeration;
import org.shimwatch.web.admin.CommentStatus;
import org.shimwatch.web.advice.AdviceCommands;
import org.shimwatch.web.advice.AdviceDraft;
import org.shimwatch.web.advice.AppliesTo;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three real servers in this JVM, each on its own loopback port and database: A on H2 with demo
 * data, a trap, a moderated comment, a trap group status and advice; B on another H2 file; C on a
 * PostgreSQL schema. A's project goes through the export endpoint into B and into C; the public and
 * maintainer matrices read the same from all three, and an installation deletes its data on C with
 * its own secret. Bad files change nothing; a backup of A is made, listed and downloaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectMoveIntegrationTests {

  static final String PASSWORD = "move-admin-password";
  static final String KEY = "swk_move_test_key_0123456789abcdef";
  static final String SECRET = "move-installation-secret-0123456789";
  static final PostgresTestDatabase PG = new PostgresTestDatabase("move");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static ConfigurableApplicationContext c;
  static byte[] exported;
  static UUID installation = UUID.randomUUID();
  static UUID trapReport = UUID.randomUUID();

  static final List<Path> DIRS = new ArrayList<>();

  static ConfigurableApplicationContext start(String name, boolean demo, boolean postgres)
      throws IOException {
    Path dir = Files.createTempDirectory(name);
    DIRS.add(dir);
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--server.address=127.0.0.1");
    args.add("--shimwatch.data-dir=" + dir);
    args.add("--shimwatch.bootstrap-key=" + KEY);
    args.add("--shimwatch.admin-password=" + PASSWORD);
    args.add("--shimwatch.demo=" + demo);
    args.add("--spring.jmx.enabled=false");
    if (postgres) {
      args.add("--spring.profiles.active=postgres");
      args.add("--spring.datasource.url=" + PG.url());
      args.add("--spring.datasource.username=" + PostgresTestDatabase.USER);
      args.add("--spring.datasource.password=" + PostgresTestDatabase.PASSWORD);
      args.add("--spring.flyway.schemas=" + PG.schema());
      args.add("--spring.flyway.default-schema=" + PG.schema());
      args.add("--spring.flyway.create-schemas=true");
    }
    return new SpringApplicationBuilder(ShimwatchServerApplication.class)
        .run(args.toArray(String[]::new));
  }

  @BeforeAll
  static void startServers() throws Exception {
    a = start("move-a", true, false);
    b = start("move-b", false, false);
  }

  @AfterAll
  static void stopServers() {
    for (ConfigurableApplicationContext ctx : new ConfigurableApplicationContext[] {a, b, c}) {
      if (ctx != null) {
        ctx.close();
      }
    }
    PG.dropSchema();
    for (Path dir : DIRS) {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A folder left in the temporary folder is no failure of the move.
      }
    }
  }

  static String base(ConfigurableApplicationContext ctx) {
    return "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
  }

  static HttpRequest.Builder admin(ConfigurableApplicationContext ctx, String path) {
    return HttpRequest.newBuilder(URI.create(base(ctx) + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> importInto(ConfigurableApplicationContext ctx, byte[] body, String as)
      throws Exception {
    return send(
        admin(ctx, "/api/v1/admin/server/projects/import" + (as == null ? "" : "?as=" + as))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  static long count(ConfigurableApplicationContext ctx, String sql) {
    return ctx.getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
  }

  /** A matrix as JSON without its project name, the one field that differs by design. */
  static JsonNode matrix(ConfigurableApplicationContext ctx, String project, boolean maintainer)
      throws Exception {
    String path =
        (maintainer ? "/api/v1/admin/projects/" : "/api/v1/projects/") + project + "/matrix";
    HttpResponse<String> r =
        send(maintainer ? admin(ctx, path) : HttpRequest.newBuilder(URI.create(base(ctx) + path)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    ObjectNode n = (ObjectNode) ReportJson.mapper().readTree(r.body());
    n.remove("project");
    return n;
  }

  @Test
  @Order(1)
  void theProjectIsGivenWhatAMaintainerDecides() throws Exception {
    ObjectNode r =
        (ObjectNode)
            ReportJson.mapper().readTree(ReportExamples.text("os2-bittorrent-trap-tcpip32"));
    r.put("reportId", trapReport.toString());
    r.put("installationId", installation.toString());
    HttpResponse<String> posted =
        send(
            HttpRequest.newBuilder(URI.create(base(a) + IngestProtocol.reportsPath("default")))
                .header("Content-Type", "application/json")
                .header(IngestProtocol.KEY_HEADER, KEY)
                .header(IngestProtocol.INSTALLATION_SECRET_HEADER, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(r.toString())));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

    assertThat(
            a.getBean(CommentModeration.class)
                .decide("default", trapReport, CommentStatus.APPROVED))
        .isPresent();
    long group =
        a.getBean(JdbcTemplate.class)
            .queryForObject(
                "SELECT MIN(g.id) FROM trap_group g JOIN project p ON p.id = g.project_id WHERE"
                    + " p.slug = 'default'",
                Long.class);
    assertThat(a.getBean(TrapGroupService.class).setStatus("default", group, "fixed", "9.9"))
        .isPresent();
    assertThat(
            a.getBean(AdviceCommands.class)
                .create(
                    "default",
                    new AdviceDraft(
                        "Fixed in 9.9",
                        "Update the shim to **9.9**.",
                        new AppliesTo(null, null, null, null, null, null, group, null, null),
                        "9.9"),
                    "admin"))
        .isPresent();
  }

  @Test
  @Order(2)
  void theExportStreamsTheProjectAsJsonLines() throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            admin(a, "/api/v1/admin/server/projects/default/export").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/x-ndjson");
    exported = r.body();
    String[] lines = new String(exported, StandardCharsets.UTF_8).split("\n");
    MoveFormat.Header h = MoveFormat.header(1, lines[0]);
    long reports = count(a, "SELECT COUNT(*) FROM report");
    assertThat(h.counts().get(MoveFormat.Kind.REPORT)).isEqualTo(reports).isGreaterThan(100);
    // the demo's own advice and the entry written above
    assertThat(h.counts().get(MoveFormat.Kind.ADVICE))
        .isEqualTo(count(a, "SELECT COUNT(*) FROM advice"))
        .isGreaterThanOrEqualTo(2);
    long rows = h.counts().values().stream().mapToLong(Long::longValue).sum();
    assertThat(lines).hasSize((int) rows + 2);
    assertThat(lines[lines.length - 1]).startsWith("{\"kind\":\"end\"");
    assertThat(new String(exported, StandardCharsets.UTF_8))
        .contains(trapReport.toString())
        .doesNotContain(SECRET)
        .doesNotContain(KEY);

    assertThat(send(admin(a, "/api/v1/admin/server/projects/nope/export")).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(3)
  void aBadOrCutFileChangesNothing() throws Exception {
    String text = new String(exported, StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    long projects = count(b, "SELECT COUNT(*) FROM project");
    long reports = count(b, "SELECT COUNT(*) FROM report");
    long installations = count(b, "SELECT COUNT(*) FROM installation");

    List<String> bad = new ArrayList<>();
    // cut short: the end line is missing
    bad.add(String.join("\n", java.util.Arrays.copyOf(lines, lines.length - 1)));
    // cut in the middle of a line
    bad.add(text.substring(0, text.length() * 2 / 3));
    // another format version
    bad.add(text.replaceFirst("\"version\":1", "\"version\":7"));
    // a report twice (the counts say one more, so only the duplicate is wrong)
    int firstReport = 0;
    while (!lines[firstReport].startsWith("{\"kind\":\"report\"")) {
      firstReport++;
    }
    List<String> dup = new ArrayList<>(List.of(lines));
    dup.add(firstReport, lines[firstReport]);
    String dupText =
        String.join("\n", dup)
            .replace(
                "\"report\":" + MoveFormat.header(1, lines[0]).counts().get(MoveFormat.Kind.REPORT),
                "\"report\":"
                    + (MoveFormat.header(1, lines[0]).counts().get(MoveFormat.Kind.REPORT) + 1));
    bad.add(dupText);
    // a line that is not JSON in the middle
    List<String> garbled = new ArrayList<>(List.of(lines));
    garbled.set(firstReport + 3, "{\"kind\":\"report\",\"row\":{\"report_id\":");
    bad.add(String.join("\n", garbled));

    for (String file : bad) {
      HttpResponse<String> r = importInto(b, file.getBytes(StandardCharsets.UTF_8), "copy");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).contains("nothing changed").contains("line ");
    }
    HttpResponse<String> exists = importInto(b, exported, null);
    assertThat(exists.statusCode()).as(exists.body()).isEqualTo(409);
    assertThat(exists.body()).contains("?as=");
    assertThat(count(b, "SELECT COUNT(*) FROM project")).isEqualTo(projects);
    assertThat(count(b, "SELECT COUNT(*) FROM report")).isEqualTo(reports);
    assertThat(count(b, "SELECT COUNT(*) FROM installation")).isEqualTo(installations);
  }

  @Test
  @Order(4)
  void h2ToH2GivesTheSameMatrices() throws Exception {
    HttpResponse<String> r = importInto(b, exported, "moved");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode done = ReportJson.mapper().readTree(r.body());
    assertThat(done.path("project").asString()).isEqualTo("moved");
    // The key is this server's bootstrap key too: it stays with B's own default project.
    assertThat(done.path("keysSkipped").asLong()).isEqualTo(1);
    sameAsA(b, "moved");
  }

  @Test
  @Order(5)
  void h2ToPostgresGivesTheSameMatricesAndDeletionStillWorks() throws Exception {
    PG.requireReachable();
    c = start("move-c", false, true);
    HttpResponse<String> r = importInto(c, exported, "moved");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    sameAsA(c, "moved");

    HttpResponse<String> deleted =
        send(
            HttpRequest.newBuilder(
                    URI.create(base(c) + IngestProtocol.installationPath(installation.toString())))
                .header(IngestProtocol.INSTALLATION_SECRET_HEADER, SECRET)
                .DELETE());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.body()).contains("\"reportsDeleted\":1");
    assertThat(count(c, "SELECT COUNT(*) FROM report WHERE report_id = '" + trapReport + "'"))
        .isZero();

    HttpResponse<String> backup =
        send(admin(c, "/api/v1/admin/server/backup").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(backup.statusCode()).isEqualTo(400);
    assertThat(backup.body()).contains("pg_dump -Fc");
  }

  @Test
  @Order(6)
  void aBackupOfTheRunningServerIsListedAndDownloaded() throws Exception {
    HttpResponse<String> made =
        send(admin(a, "/api/v1/admin/server/backup").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    JsonNode m = ReportJson.mapper().readTree(made.body());
    String name = m.path("name").asString();
    assertThat(name).matches("shimwatch-backup-\\d{8}-\\d{6}Z\\.zip");
    HttpResponse<String> list = send(admin(a, "/api/v1/admin/server/backups"));
    assertThat(list.body()).contains(name);
    HttpResponse<byte[]> file =
        HTTP.send(
            admin(a, "/api/v1/admin/server/backups/" + name).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body().length).isEqualTo(m.path("bytes").asLong());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body())))
        .isEqualTo(m.path("sha256").asString());
    assertThat(send(admin(a, "/api/v1/admin/server/backups/..%2Fshimwatch.mv.db")).statusCode())
        .isIn(400, 404);
    assertThat(send(admin(a, "/api/v1/admin/server/backups/other.zip")).statusCode())
        .isEqualTo(404);
    assertThat(
            send(HttpRequest.newBuilder(URI.create(base(a) + "/api/v1/admin/server/backup"))
                    .POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(401);
  }

  private static void sameAsA(ConfigurableApplicationContext target, String project)
      throws Exception {
    assertThat(matrix(target, project, false)).isEqualTo(matrix(a, "default", false));
    assertThat(matrix(target, project, true)).isEqualTo(matrix(a, "default", true));
    for (String sql :
        List.of(
            "SELECT COUNT(*) FROM report r JOIN project p ON p.id = r.project_id WHERE p.slug = '%s'",
            "SELECT COUNT(*) FROM report r JOIN project p ON p.id = r.project_id WHERE p.slug = '%s'"
                + " AND r.comment_status = 'approved'",
            "SELECT COUNT(*) FROM trap_group g JOIN project p ON p.id = g.project_id WHERE p.slug ="
                + " '%s' AND g.status = 'fixed'",
            "SELECT COUNT(*) FROM advice v JOIN project p ON p.id = v.project_id WHERE p.slug ="
                + " '%s' AND v.trap_group_id IS NOT NULL",
            "SELECT COALESCE(SUM(s.reports), 0) FROM trap_group_stats s JOIN project p ON p.id ="
                + " s.project_id WHERE p.slug = '%s'",
            "SELECT COALESCE(SUM(w.reports), 0) FROM trend_week w JOIN project p ON p.id ="
                + " w.project_id WHERE p.slug = '%s'")) {
      assertThat(count(target, sql.formatted(project)))
          .as(sql)
          .isEqualTo(count(a, sql.formatted("default")));
    }
    assertThat(
            count(
                target,
                "SELECT COUNT(*) FROM installation WHERE id = '"
                    + installation
                    + "' AND secret_hash = (SELECT secret_hash FROM installation WHERE id = '"
                    + installation
                    + "')"))
        .isEqualTo(1);
  }
}
