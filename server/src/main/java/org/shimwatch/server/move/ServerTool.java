package org.shimwatch.server.move;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The server's commands besides running it ({@code shimwatch-server backup|restore|export|import}),
 * run by the launcher without starting the server:
 *
 * <ul>
 *   <li>{@code backup}: on a stopped server, writes the backup itself into {@code <data>/backups/};
 *       on a running one (its database file is locked), asks it through {@code POST
 *       /api/v1/admin/server/backup}.
 *   <li>{@code restore <file.zip> [--force]}: unzips a backup into the data folder of a stopped
 *       server; refuses a running server always and a folder that holds a database unless {@code
 *       --force}, and then keeps the old files aside in {@code <data>/replaced-<time>/}.
 *   <li>{@code export <project> <file>} and {@code import <file> [--as <name>]}: through the
 *       running server's API.
 * </ul>
 *
 * Settings come from the environment the service uses: {@code SHIMWATCH_DATA_DIR}, {@code
 * SERVER_PORT}, {@code SHIMWATCH_URL} (default {@code http://127.0.0.1:$SERVER_PORT}), {@code
 * SHIMWATCH_TOKEN} (an owner's API token) or else {@code SHIMWATCH_ADMIN_USER} (default {@code
 * admin}) and {@code SHIMWATCH_ADMIN_PASSWORD} (else the first-owner password file in the data
 * folder).
 */
public final class ServerTool {

  /** The commands this tool runs. */
  public static final List<String> COMMANDS = List.of("backup", "restore", "export", "import");

  static final String DB_FILE = "shimwatch.mv.db";

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  ServerTool(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Runs a command and exits with its status. */
  public static void main(String[] args) {
    System.exit(new ServerTool(System.getenv(), System.out, System.err).run(args));
  }

  /** Whether the arguments name one of the tool's commands. */
  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** A refusal the user can act on: printed, exit status 1. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  int run(String[] args) {
    try {
      List<String> a = new ArrayList<>(List.of(args));
      String command = a.remove(0);
      switch (command) {
        case "backup" -> backup();
        case "restore" -> restore(a);
        case "export" -> export(a);
        case "import" -> importFile(a);
        default -> throw new Refused("unknown command " + command);
      }
      return 0;
    } catch (Refused e) {
      err.println("shimwatch-server: " + e.getMessage());
      return 1;
    } catch (IOException | SQLException e) {
      err.println("shimwatch-server: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  // --- backup ---------------------------------------------------------------------------------

  void backup() throws IOException, SQLException, Refused, InterruptedException {
    Path data = dataDir();
    if (!Files.isRegularFile(data.resolve(DB_FILE))) {
      throw new Refused("no database in " + data + " (set SHIMWATCH_DATA_DIR)");
    }
    Connection c;
    try {
      c = open(data);
    } catch (SQLException e) {
      if (!locked(e)) {
        throw e;
      }
      out.println("shimwatch-server: the server is running; asking it for the backup");
      HttpResponse<String> r = send("POST", "/api/v1/admin/server/backup", null, null);
      out.println(r.body());
      return;
    }
    try (c) {
      Path folder = data.resolve("backups");
      Files.createDirectories(folder);
      String name =
          "shimwatch-backup-"
              + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'", Locale.ROOT)
                  .withZone(ZoneOffset.UTC)
                  .format(Instant.now())
              + ".zip";
      Path target = folder.resolve(name);
      Path partial = folder.resolve(name + ".partial");
      try (Statement s = c.createStatement()) {
        s.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
      }
      String sha = ServerBackups.sha256(partial);
      Files.writeString(
          folder.resolve(name + ".sha256"), sha + "  " + name + "\n", StandardCharsets.US_ASCII);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      out.println(
          "{\"name\":\""
              + name
              + "\",\"bytes\":"
              + Files.size(target)
              + ",\"sha256\":\""
              + sha
              + "\",\"path\":\""
              + target.toString().replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"}");
    }
  }

  // --- restore --------------------------------------------------------------------------------

  void restore(List<String> args) throws IOException, SQLException, Refused {
    boolean force = args.remove("--force");
    if (args.size() != 1) {
      throw new Refused("usage: shimwatch-server restore <backup.zip> [--force]");
    }
    Path zip = Path.of(args.get(0)).toAbsolutePath();
    if (!Files.isRegularFile(zip)) {
      throw new Refused(zip + " is not a file");
    }
    Path data = dataDir();
    Files.createDirectories(data);
    Path db = data.resolve(DB_FILE);
    if (Files.exists(db)) {
      try (Connection c = open(data)) {
        // Opened, so no server has it open; closed again at once.
      } catch (SQLException e) {
        if (locked(e)) {
          throw new Refused(
              "the server is running on "
                  + data
                  + "; stop it first (systemctl stop shimwatch-server), then restore");
        }
        // A damaged database may be replaced, with --force.
      }
      if (!force) {
        throw new Refused(
            data
                + " already holds a database; restore into an empty folder, or add --force to"
                + " replace it (the old files are kept aside)");
      }
    }
    // Unzipped beside the database first and checked, then moved into place.
    Path staging = Files.createTempDirectory(data, "restoring-");
    try {
      unzip(zip, staging);
      long[] counts;
      try (Connection c = open(staging)) {
        counts = counts(c);
      } catch (SQLException e) {
        throw new Refused(zip + " does not hold a Shimwatch database: " + e.getMessage());
      }
      String aside = null;
      if (Files.exists(db)) {
        Path old =
            data.resolve(
                "replaced-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now()));
        Files.createDirectories(old);
        try (Stream<Path> files = Files.list(data)) {
          for (Path p : files.toList()) {
            String n = p.getFileName().toString();
            if (n.startsWith("shimwatch.") && n.endsWith(".db")) {
              Files.move(p, old.resolve(n));
            }
          }
        }
        aside = old.toString();
      }
      Files.move(staging.resolve(DB_FILE), db);
      out.println(
          "shimwatch-server: restored "
              + zip.getFileName()
              + " into "
              + data
              + ": "
              + counts[0]
              + " project(s), "
              + counts[1]
              + " report(s)"
              + (aside == null ? "" : "; the replaced database is in " + aside));
    } finally {
      deleteTree(staging);
    }
  }

  private static void unzip(Path zip, Path into) throws IOException, Refused {
    boolean found = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        String name = e.getName();
        // Only the database file, at the top: no path of the archive goes anywhere else.
        if (!name.equals(DB_FILE)) {
          continue;
        }
        Files.copy(in, into.resolve(DB_FILE));
        found = true;
      }
    } catch (java.util.zip.ZipException e) {
      throw new Refused(zip + " is not a zip file: " + e.getMessage());
    }
    if (!found) {
      throw new Refused(zip + " holds no " + DB_FILE + ": it is not a Shimwatch backup");
    }
  }

  private static long[] counts(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM project), (SELECT COUNT(*) FROM report)")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  // --- export and import ----------------------------------------------------------------------

  void export(List<String> args) throws IOException, Refused, InterruptedException {
    if (args.size() != 2) {
      throw new Refused("usage: shimwatch-server export <project> <file.ndjson>");
    }
    Path file = Path.of(args.get(1)).toAbsolutePath();
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    HttpRequest.Builder get =
        request(
            "/api/v1/admin/server/projects/"
                + URLEncoder.encode(args.get(0), StandardCharsets.UTF_8)
                + "/export");
    HttpResponse<Path> r;
    try {
      r = client().send(get.GET().build(), HttpResponse.BodyHandlers.ofFile(partial));
    } catch (ConnectException e) {
      throw new Refused("no server answers at " + base() + " (set SHIMWATCH_URL)");
    }
    if (r.statusCode() != 200) {
      String body = Files.readString(partial);
      Files.deleteIfExists(partial);
      throw new Refused("the server answered " + r.statusCode() + ": " + body);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    out.println(
        "shimwatch-server: exported "
            + args.get(0)
            + " to "
            + file
            + " ("
            + Files.size(file)
            + " bytes)");
  }

  void importFile(List<String> args) throws IOException, Refused, InterruptedException {
    String as = null;
    int i = args.indexOf("--as");
    if (i >= 0 && i + 1 < args.size()) {
      as = args.get(i + 1);
      args.remove(i + 1);
      args.remove(i);
    }
    if (args.size() != 1) {
      throw new Refused("usage: shimwatch-server import <file.ndjson> [--as <project>]");
    }
    Path file = Path.of(args.get(0));
    if (!Files.isRegularFile(file)) {
      throw new Refused(file + " is not a file");
    }
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/admin/server/projects/import"
                + (as == null ? "" : "?as=" + URLEncoder.encode(as, StandardCharsets.UTF_8)),
            file,
            "application/x-ndjson");
    out.println(r.body());
  }

  // --- helpers --------------------------------------------------------------------------------

  private HttpResponse<String> send(String method, String path, Path body, String type)
      throws IOException, Refused, InterruptedException {
    HttpRequest.Builder b = request(path);
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofFile(body));
    HttpResponse<String> r;
    try {
      r = client().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new Refused("no server answers at " + base() + " (set SHIMWATCH_URL)");
    }
    if (r.statusCode() / 100 != 2) {
      throw new Refused("the server answered " + r.statusCode() + ": " + r.body());
    }
    return r;
  }

  private HttpRequest.Builder request(String path) throws IOException, Refused {
    String token = env.get("SHIMWATCH_TOKEN");
    if (token != null && !token.isBlank()) {
      // An owner's API token (made on the account's tokens page): no password needed.
      return HttpRequest.newBuilder(URI.create(base() + path))
          .timeout(Duration.ofHours(2))
          .header("Authorization", "Bearer " + token.strip());
    }
    String user = env.getOrDefault("SHIMWATCH_ADMIN_USER", "admin");
    String password = env.get("SHIMWATCH_ADMIN_PASSWORD");
    if (password == null || password.isEmpty()) {
      Path file = dataDir().resolve("first-owner-password");
      if (!Files.isReadable(file)) {
        throw new Refused(
            "set SHIMWATCH_TOKEN to an owner's API token, or SHIMWATCH_ADMIN_USER and"
                + " SHIMWATCH_ADMIN_PASSWORD to an owner's account");
      }
      password = Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
    return HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofHours(2))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  private String base() {
    String url = env.get("SHIMWATCH_URL");
    if (url != null && !url.isBlank()) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    return "http://127.0.0.1:" + env.getOrDefault("SERVER_PORT", "8080");
  }

  private Path dataDir() {
    return Path.of(env.getOrDefault("SHIMWATCH_DATA_DIR", "./data")).toAbsolutePath().normalize();
  }

  private static Connection open(Path dir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dir.resolve("shimwatch") + ";IFEXISTS=TRUE", "sa", "");
  }

  /** Whether H2 refused because another process has the database open. */
  private static boolean locked(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() == 90020) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && m.contains("locked by another process")) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
