package org.shimwatch.server.move;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's offline commands on real H2 files: a backup of a stopped server, a restore into an
 * empty folder, refusals of a folder that holds a database (unless {@code --force}, which keeps the
 * old file aside) and of files that are no backup.
 */
class ServerToolTests {

  @TempDir Path temp;

  private record Ran(int exit, String out, String err) {}

  private static Ran run(Path data, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new ServerTool(
                Map.of(
                    "SHIMWATCH_DATA_DIR",
                    data.toString(),
                    "SHIMWATCH_URL",
                    "http://127.0.0.1:9",
                    "SHIMWATCH_ADMIN_PASSWORD",
                    "x"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Ran(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A small database with the two tables a restore counts. */
  private static void database(Path dir, int reports) throws Exception {
    Files.createDirectories(dir);
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("shimwatch"), "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE project (id BIGINT PRIMARY KEY)");
      s.execute("CREATE TABLE report (id BIGINT PRIMARY KEY)");
      s.execute("INSERT INTO project VALUES (1)");
      for (int i = 1; i <= reports; i++) {
        s.execute("INSERT INTO report VALUES (" + i + ")");
      }
    }
  }

  private static long reports(Path dir) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + dir.resolve("shimwatch") + ";IFEXISTS=TRUE", "sa", "");
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM report")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Path onlyBackup(Path data) throws Exception {
    try (Stream<Path> s = Files.list(data.resolve("backups"))) {
      List<Path> zips = s.filter(p -> p.toString().endsWith(".zip")).toList();
      assertThat(zips).hasSize(1);
      return zips.get(0);
    }
  }

  @Test
  void aStoppedServerIsBackedUpAndRestoredIntoAnEmptyFolder() throws Exception {
    Path data = temp.resolve("data");
    database(data, 3);
    Ran backup = run(data, "backup");
    assertThat(backup.exit()).as(backup.err()).isZero();
    Path zip = onlyBackup(data);
    assertThat(ServerBackups.NAME.matcher(zip.getFileName().toString()).matches()).isTrue();
    assertThat(backup.out()).contains(zip.getFileName().toString()).contains("\"sha256\":\"");
    assertThat(Files.readString(zip.resolveSibling(zip.getFileName() + ".sha256")))
        .startsWith(ServerBackups.sha256(zip));

    Path fresh = temp.resolve("fresh");
    Ran restore = run(fresh, "restore", zip.toString());
    assertThat(restore.exit()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("1 project(s), 3 report(s)");
    assertThat(fresh.resolve(ServerTool.DB_FILE)).isRegularFile();
    try (Stream<Path> s = Files.list(fresh)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("restoring-"));
    }
  }

  @Test
  void aFolderWithADatabaseIsReplacedOnlyWithForceAndKeptAside() throws Exception {
    Path source = temp.resolve("source");
    database(source, 2);
    assertThat(run(source, "backup").exit()).isZero();
    Path zip = onlyBackup(source);

    Path data = temp.resolve("data");
    database(data, 7);
    Ran refused = run(data, "restore", zip.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("already holds a database").contains("--force");
    assertThat(reports(data)).isEqualTo(7);

    Ran forced = run(data, "restore", zip.toString(), "--force");
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("2 report(s)").contains("replaced database is in");
    try (Stream<Path> s = Files.list(data)) {
      Path aside =
          s.filter(p -> p.getFileName().toString().startsWith("replaced-"))
              .findFirst()
              .orElseThrow();
      assertThat(reports(aside)).as("the old database, kept aside").isEqualTo(7);
    }
    assertThat(reports(data)).isEqualTo(2);
  }

  @Test
  void filesThatAreNoBackupAreRefusedAndChangeNothing() throws Exception {
    Path data = temp.resolve("data");
    Path text = temp.resolve("notes.zip");
    Files.writeString(text, "not a zip at all");
    Ran notZip = run(data, "restore", text.toString());
    assertThat(notZip.exit()).isEqualTo(1);
    assertThat(notZip.err()).contains("not a Shimwatch backup");

    Path otherZip = temp.resolve("other.zip");
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(otherZip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("../../shimwatch.mv.db"));
      z.write("evil".getBytes(StandardCharsets.US_ASCII));
      z.closeEntry();
    }
    Ran traversal = run(data, "restore", otherZip.toString());
    assertThat(traversal.exit()).isEqualTo(1);
    assertThat(Files.exists(temp.getParent().resolve("shimwatch.mv.db"))).isFalse();

    Path fake = temp.resolve("fake.zip");
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(fake))) {
      z.putNextEntry(new java.util.zip.ZipEntry(ServerTool.DB_FILE));
      z.write("not a database".getBytes(StandardCharsets.US_ASCII));
      z.closeEntry();
    }
    Ran bad = run(data, "restore", fake.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("does not hold a Shimwatch database");
    assertThat(data.resolve(ServerTool.DB_FILE)).doesNotExist();

    assertThat(run(data, "restore").err()).contains("usage");
    assertThat(run(data, "restore", temp.resolve("missing.zip").toString()).err())
        .contains("is not a file");
  }

  @Test
  void withoutADatabaseOrAServerTheCommandsSaySo() {
    Path data = temp.resolve("empty");
    Ran backup = run(data, "backup");
    assertThat(backup.exit()).isEqualTo(1);
    assertThat(backup.err()).contains("no database in");
    Ran export = run(data, "export", "default", temp.resolve("out.ndjson").toString());
    assertThat(export.exit()).isEqualTo(1);
    assertThat(export.err()).contains("no server answers at http://127.0.0.1:9");
    assertThat(run(data, "import").err()).contains("usage");
  }
}
