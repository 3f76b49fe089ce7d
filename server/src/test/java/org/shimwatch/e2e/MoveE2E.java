package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * The move scenario, through the real jars and launcher: server A on H2 gets reports from real
 * {@code shimwatch} probes into a project of its own (with a trap, a comment approved on the
 * moderation page, a trap group status and advice written on the form). A backup is taken with
 * {@code shimwatch-server backup} while a probe keeps posting, and restored with {@code
 * shimwatch-server restore} into a fresh folder for server A', whose rollups match its rows and
 * hold every report acknowledged before the backup began. Then the project is exported from A with
 * {@code shimwatch-server export} and imported into server B on PostgreSQL with {@code
 * shimwatch-server import}: the public and maintainer matrices of A and B are the same JSON, the
 * moved ingest key works on B, and a probe deletes its data on B with its own secret.
 */
@Order(7)
class MoveE2E {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final String PROJECT = "field";

  @Test
  void aBackupRestoresAndAProjectMovesFromH2ToPostgres() throws Exception {
    E2e.requirePostgres();
    ServerProcess a = ServerProcess.h2("move-a");
    ServerProcess restored = ServerProcess.h2("move-a-restored");
    ServerProcess b = ServerProcess.postgres("move-b", E2e.newSchema("move"));
    Path launcher = launcher();
    Path work = E2e.newDir("move");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      a.start();
      String key = newProject(a);
      Map<String, String> toA = Map.of("SHIMWATCH_PROJECT", PROJECT, "SHIMWATCH_KEY", key);

      // Probes send to A: plain runs with comments, and a crash with its trap.
      ProbeHome works = new ProbeHome("move-works", a.base());
      ProbeHome trapped = new ProbeHome("move-trap", a.base());
      ProbeHome steady = new ProbeHome("move-steady", a.base());
      works.consent(2);
      trapped.consent(3);
      steady.consent(2);
      List<UUID> commented = works.queue(E2e.scale(12, 60), "linux-aria2c-works", "moved along");
      trapped.queue(E2e.scale(4, 20), "os2-bittorrent-trap-tcpip32", null);
      steady.queue(E2e.scale(6, 30), "linux-aria2c-works", null);
      for (ProbeHome p : List.of(works, trapped, steady)) {
        E2e.Result sent = p.cli(toA, "submit", "--pending");
        assertThat(sent.exit()).as("submit: %s", sent.output()).isZero();
        assertThat(p.outboxSize()).isZero();
      }

      // What a maintainer decides: a trap group status, an approved comment, advice.
      JsonNode groups = a.adminJson("/api/v1/admin/projects/" + PROJECT + "/trap-groups");
      assertThat(groups.size()).as("the trap made a group").isPositive();
      long group = groups.get(0).path("id").asLong();
      HttpResponse<String> acknowledged =
          a.send(
              HttpRequest.newBuilder(
                      URI.create(
                          a.base()
                              + "/api/v1/admin/projects/"
                              + PROJECT
                              + "/trap-groups/"
                              + group
                              + "/status"))
                  .header("Authorization", ServerProcess.adminAuth())
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"acknowledged\"}"))
                  .build());
      assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
      Pages pages = new Pages(a);
      pages.approve(commented.get(0));
      pages.advice(group);

      // A backup while a probe keeps posting.
      Set<String> before = sentIds(works, trapped, steady);
      AtomicBoolean posting = new AtomicBoolean(true);
      ProbeHome writer = new ProbeHome("move-writer", a.base());
      writer.consent(2);
      Future<Integer> writing =
          pool.submit(
              () -> {
                int rounds = 0;
                while (posting.get() || rounds < 2) {
                  writer.queue(3, "linux-aria2c-works", null);
                  writer.cli(toA, "submit", "--pending");
                  rounds++;
                }
                return rounds;
              });
      while (writer.sentIds().isEmpty()) {
        ServerProcess.sleep(100);
      }
      Set<String> ackedBeforeBackup = sentIds(works, trapped, steady, writer);
      long t0 = System.nanoTime();
      Map<String, String> aEnv = serverEnv(a);
      E2e.Result backup = run(launcher, aEnv, work, "backup");
      long backupMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(backup.exit()).as("backup: %s", backup.output()).isZero();
      posting.set(false);
      int rounds = writing.get(5, TimeUnit.MINUTES);
      JsonNode made = json(backup.output());
      Path zip = a.dataDir().resolve("backups").resolve(made.path("name").asString());
      assertThat(zip).isRegularFile();
      assertThat(Files.size(zip)).isEqualTo(made.path("bytes").asLong());
      Set<String> ackedAfter = sentIds(works, trapped, steady, writer);
      assertThat(ackedAfter.size()).as("the writer kept posting").isGreaterThan(before.size());

      // Restore: refused onto the running server, into a fresh folder for A'.
      E2e.Result ontoRunning = run(launcher, aEnv, work, "restore", zip.toString(), "--force");
      assertThat(ontoRunning.exit()).isEqualTo(1);
      assertThat(ontoRunning.output()).contains("running");
      Map<String, String> restoredEnv = serverEnv(restored);
      E2e.Result restore = run(launcher, restoredEnv, work, "restore", zip.toString());
      assertThat(restore.exit()).as("restore: %s", restore.output()).isZero();
      E2e.Result again = run(launcher, restoredEnv, work, "restore", zip.toString());
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.output()).contains("--force");
      E2e.Result forced = run(launcher, restoredEnv, work, "restore", zip.toString(), "--force");
      assertThat(forced.exit()).as("restore --force: %s", forced.output()).isZero();
      assertThat(forced.output()).contains("replaced database is in");

      restored.start();
      JsonNode restoredMatrix = matrix(restored, true);
      JsonNode rebuilt =
          ReportJson.mapper()
              .readTree(
                  restored
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      restored.base()
                                          + "/api/v1/admin/projects/"
                                          + PROJECT
                                          + "/rollups/rebuild"))
                              .header("Authorization", ServerProcess.adminAuth())
                              .POST(HttpRequest.BodyPublishers.noBody())
                              .build())
                      .body());
      assertThat(matrix(restored, true))
          .as("the backup's rollups are those of its reports")
          .isEqualTo(restoredMatrix);
      restored.stop();
      Set<String> inBackup = reportIds(restored);
      // With the server stopped, the launcher writes the backup itself.
      E2e.Result offline = run(launcher, restoredEnv, work, "backup");
      assertThat(offline.exit()).as("offline backup: %s", offline.output()).isZero();
      assertThat(offline.output()).doesNotContain("asking it");
      assertThat(
              restored
                  .dataDir()
                  .resolve("backups")
                  .resolve(json(offline.output()).path("name").asString()))
          .isRegularFile();
      assertThat(inBackup)
          .as("every report acknowledged before the backup")
          .containsAll(ackedBeforeBackup);
      assertThat(ackedAfter).as("nothing the probes did not send").containsAll(inBackup);
      assertThat(rebuilt.path("reports").asLong()).isEqualTo(inBackup.size());

      // Export from A (quiet now), import into B on PostgreSQL.
      Path file = work.resolve("field.ndjson");
      t0 = System.nanoTime();
      E2e.Result exported = run(launcher, aEnv, work, "export", PROJECT, file.toString());
      long exportMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(exported.exit()).as("export: %s", exported.output()).isZero();
      long lines;
      try (Stream<String> s = Files.lines(file)) {
        lines = s.count();
      }
      b.start();
      // On B the owner's tool signs in with an API token rather than a password.
      HttpResponse<String> ownerToken =
          b.send(
              HttpRequest.newBuilder(URI.create(b.base() + "/api/v1/admin/tokens"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", ServerProcess.adminAuth())
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"label\":\"move\",\"role\":\"owner\",\"projects\":[]}"))
                  .build());
      assertThat(ownerToken.statusCode()).as("token: %s", ownerToken.body()).isEqualTo(201);
      Map<String, String> bEnv = serverEnv(b);
      bEnv.remove("SHIMWATCH_ADMIN_PASSWORD");
      bEnv.put(
          "SHIMWATCH_TOKEN",
          ReportJson.mapper().readTree(ownerToken.body()).path("token").asString());
      t0 = System.nanoTime();
      E2e.Result imported = run(launcher, bEnv, work, "import", file.toString());
      long importMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(imported.exit()).as("import: %s", imported.output()).isZero();
      E2e.Result twice = run(launcher, bEnv, work, "import", file.toString());
      assertThat(twice.exit()).isEqualTo(1);
      assertThat(twice.output()).contains("409").contains("already exists");

      JsonNode publicA = matrix(a, false);
      JsonNode adminA = matrix(a, true);
      JsonNode publicB = matrix(b, false);
      JsonNode adminB = matrix(b, true);
      boolean identical = publicA.equals(publicB) && adminA.equals(adminB);
      assertThat(publicB).isEqualTo(publicA);
      assertThat(adminB).isEqualTo(adminA);
      assertThat(
              b.adminJson("/api/v1/admin/projects/" + PROJECT + "/trap-groups")
                  .get(0)
                  .path("status")
                  .asString())
          .isEqualTo("acknowledged");

      // The key moved with the project; the installation deletes its data on B with its secret.
      ProbeHome late = new ProbeHome("move-late", b.base());
      late.consent(2);
      late.queue(1, "linux-aria2c-works", null);
      E2e.Result toB =
          late.cli(
              Map.of("SHIMWATCH_PROJECT", PROJECT, "SHIMWATCH_KEY", key), "submit", "--pending");
      assertThat(toB.exit()).as("the moved key on B: %s", toB.output()).isZero();
      int worksSent = works.sentIds().size();
      works.server(b.base());
      E2e.Result forgot = works.cli(toA, "forget", "--yes");
      assertThat(forgot.exit()).as("forget on B: %s", forgot.output()).isZero();
      assertThat(forgot.output()).contains("server: deleted " + worksSent + " report(s)");
      Set<String> leftOnB = reportIds(b);
      for (UUID id : commented) {
        assertThat(leftOnB).doesNotContain(id.toString());
      }

      E2e.figures(
          "move",
          E2e.map(
              "reportsA",
              ackedAfter.size(),
              "reportsInBackup",
              inBackup.size(),
              "backupBytes",
              made.path("bytes").asLong(),
              "backupMs",
              backupMs,
              "writerRounds",
              rounds,
              "exportBytes",
              Files.size(file),
              "exportLines",
              lines,
              "exportMs",
              exportMs,
              "importMs",
              importMs,
              "matricesIdentical",
              identical,
              "deletedOnB",
              worksSent));
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      a.stop();
      restored.stop();
      b.stop();
    }
  }

  /** The deploy launcher beside the built jar, as the archive lays them out. */
  private static Path launcher() throws Exception {
    Path root = E2e.newDir("move-install");
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("lib"));
    Path sh = root.resolve("bin/shimwatch-server");
    Files.copy(E2e.repo().resolve("server/src/deploy/bin/shimwatch-server"), sh);
    sh.toFile().setExecutable(true);
    Files.createSymbolicLink(root.resolve("lib/shimwatch-server.jar"), E2e.serverJar());
    return sh;
  }

  private static Map<String, String> serverEnv(ServerProcess s) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SHIMWATCH_DATA_DIR", s.dataDir().toString());
    env.put("SHIMWATCH_URL", s.base());
    env.put("SHIMWATCH_ADMIN_PASSWORD", E2e.ADMIN_PASSWORD);
    env.put("JAVA_HOME", Path.of(E2e.java()).getParent().getParent().toString());
    return env;
  }

  private static E2e.Result run(Path launcher, Map<String, String> env, Path dir, String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    return E2e.run(cmd, env, dir, Duration.ofMinutes(5));
  }

  private static JsonNode json(String output) {
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("{"))
            .reduce((x, y) -> y)
            .orElseThrow(() -> new AssertionError("no JSON in: " + output));
    return ReportJson.mapper().readTree(line);
  }

  /** Creates the project and a key for it; returns the key. */
  private static String newProject(ServerProcess s) throws Exception {
    HttpResponse<String> p =
        s.send(
            HttpRequest.newBuilder(URI.create(s.base() + "/api/v1/admin/projects"))
                .header("Authorization", ServerProcess.adminAuth())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"slug\":\"" + PROJECT + "\",\"name\":\"Field reports\"}"))
                .build());
    assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
    HttpResponse<String> k =
        s.send(
            HttpRequest.newBuilder(
                    URI.create(s.base() + "/api/v1/admin/projects/" + PROJECT + "/keys"))
                .header("Authorization", ServerProcess.adminAuth())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"field probes\"}"))
                .build());
    assertThat(k.statusCode()).as(k.body()).isEqualTo(201);
    return ReportJson.mapper().readTree(k.body()).path("key").asString();
  }

  private static JsonNode matrix(ServerProcess s, boolean maintainer) throws Exception {
    String path =
        (maintainer ? "/api/v1/admin/projects/" : "/api/v1/projects/") + PROJECT + "/matrix";
    HttpResponse<String> r = s.get(path, maintainer);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return ReportJson.mapper().readTree(r.body());
  }

  private static Set<String> sentIds(ProbeHome... probes) throws Exception {
    Set<String> ids = new HashSet<>();
    for (ProbeHome p : probes) {
      ids.addAll(p.sentIds());
    }
    return ids;
  }

  private static Set<String> reportIds(ServerProcess s) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = s.database();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.report_id FROM report r JOIN project p ON p.id = r.project_id WHERE"
                    + " p.slug = ?")) {
      ps.setString(1, PROJECT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  /** The maintainer's pages, signed in, as a browser posts their forms. */
  private static final class Pages {
    private final ServerProcess server;
    private final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Pages(ServerProcess server) throws Exception {
      this.server = server;
      HttpResponse<String> signIn = E2e.signIn(client, server.base());
      assertThat(signIn.statusCode()).isEqualTo(302);
    }

    void approve(UUID report) throws Exception {
      String token = token("/maintainer/comments?project=" + PROJECT);
      HttpResponse<String> r =
          post(
              "/maintainer/comments/" + report + "?project=" + PROJECT,
              Map.of("decision", "approved", "_csrf", token));
      assertThat(r.statusCode()).as(r.body()).isIn(302, 303);
    }

    void advice(long group) throws Exception {
      String token = token("/maintainer/advice/new?project=" + PROJECT + "&trapGroup=" + group);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("title", "Moved along with the project");
      form.put("body", "Update the shim to **9.9**.");
      form.put("trapGroup", Long.toString(group));
      form.put("fixedIn", "9.9");
      form.put("_csrf", token);
      HttpResponse<String> r = post("/maintainer/advice?project=" + PROJECT, form);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    }

    private String token(String path) throws Exception {
      HttpResponse<String> page =
          client.send(
              HttpRequest.newBuilder(URI.create(server.base() + path))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Matcher m = CSRF.matcher(page.body());
      assertThat(m.find()).as("a CSRF token on %s", path).isTrue();
      return m.group(1);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      return E2e.postForm(client, server.base() + path, form);
    }
  }
}
