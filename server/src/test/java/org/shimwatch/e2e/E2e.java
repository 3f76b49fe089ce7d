package org.shimwatch.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.shimwatch.testing.MissingPart;

/**
 * What every end-to-end scenario shares: where the built jars are, one temporary folder for the
 * whole run, the processes started (all of them killed, with their children, when a scenario ends
 * and again when the JVM exits), the PostgreSQL schemas made (dropped at exit), and the figures
 * line each scenario prints.
 *
 * <p>{@code -De2e.full=true} switches from the short durations (a few minutes in all) to the full
 * ones.
 */
final class E2e {

  static final boolean FULL = Boolean.getBoolean("e2e.full");

  static final String KEY = "swk_e2e_ingest_key_0123456789abcdef";
  static final String ADMIN_PASSWORD = "e2e-admin-password-7f3a";

  /** Planted in reports and headers; the privacy audit looks for them everywhere afterwards. */
  static final String PLANTED_USER = "alice-e2e";

  static final String PLANTED_HOME = "/home/" + PLANTED_USER + "/";
  static final List<String> PLANTED_IPS =
      List.of("198.51.100.23", "203.0.113.77", "2001:db8:e2e::17");

  private static final List<Process> PROCESSES = new CopyOnWriteArrayList<>();
  private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();
  private static final Path RUN_DIR;
  private static final Path REPO;

  static {
    try {
      RUN_DIR = Files.createTempDirectory("shimwatch-e2e-");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
    REPO = findRepo();
    Runtime.getRuntime().addShutdownHook(new Thread(E2e::cleanUpAtExit, "e2e-clean-up"));
  }

  private E2e() {}

  /** The short or the full figure. */
  static int scale(int shortValue, int fullValue) {
    return FULL ? fullValue : shortValue;
  }

  static Duration scale(Duration shortValue, Duration fullValue) {
    return FULL ? fullValue : shortValue;
  }

  static Path repo() {
    return REPO;
  }

  /** The folder every scenario of this run writes under; removed at exit. */
  static Path runDir() {
    return RUN_DIR;
  }

  /** A new, empty folder for one purpose inside the run folder. */
  static Path newDir(String purpose) {
    try {
      Files.createDirectories(RUN_DIR);
      return Files.createTempDirectory(RUN_DIR, purpose + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path serverJar() {
    // SHIMWATCH_E2E_SERVER_JAR tries the scenarios against a server jar built elsewhere.
    String p = System.getenv("SHIMWATCH_E2E_SERVER_JAR");
    if (p == null || p.isBlank()) {
      p = System.getProperty("e2e.serverJar");
    }
    Path jar = p == null ? REPO.resolve("server/target/shimwatch-server.jar") : Path.of(p);
    if (!Files.isRegularFile(jar)) {
      fail("the server jar is missing: " + jar + " (run with mvn -Pe2e verify, which builds it)");
    }
    return jar;
  }

  /** The shimwatch launcher, next to the built probe jar it runs. */
  static Path launcher() {
    Path sh = REPO.resolve("probe-agent/probe/src/main/sh/shimwatch");
    Path jar = REPO.resolve("probe-agent/probe/target/shimwatch.jar");
    if (!Files.isRegularFile(sh) || !Files.isRegularFile(jar)) {
      fail("the shimwatch CLI is missing: " + jar + " (build probe-agent/probe first)");
    }
    return sh;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A loopback port nobody listens on right now. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips when a tool is missing, or fails under {@code CI=true}. */
  static void requireTools(String... tools) {
    List<String> missing = new ArrayList<>();
    for (String t : tools) {
      if (which(t) == null) {
        missing.add(t);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "this scenario needs "
            + String.join(", ", missing)
            + " (Debian packages: aria2, opentracker, mktorrent, gcc, nginx, openssl;"
            + " .ci/test-deps.sh installs them)";
    MissingPart.skipOrFail(message);
  }

  static Path which(String tool) {
    // Servers such as nginx live in sbin, which a user's PATH may lack.
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Starts a process with its output in a file; it is killed with its children at exit. */
  static Process start(List<String> command, Map<String, String> env, Path dir, Path output) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("DO_NOT_TRACK");
    pb.environment().remove("SHIMWATCH_TELEMETRY");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(output.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      Process p = pb.start();
      PROCESSES.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The result of a command run to its end. */
  record Result(int exit, String output) {}

  /** Runs a command to its end, or kills it (and its children) after {@code limit}. */
  static Result run(List<String> command, Map<String, String> env, Path dir, Duration limit) {
    Path out;
    try {
      out = Files.createTempFile(RUN_DIR, "cmd-", ".out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p = start(command, env, dir, out);
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        destroyTree(p);
        fail("took longer than " + limit + ": " + command + "\n" + read(out));
      }
      return new Result(p.exitValue(), read(out));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      destroyTree(p);
      PROCESSES.remove(p);
      try {
        Files.deleteIfExists(out);
      } catch (IOException e) {
        // Removed with the run folder.
      }
    }
  }

  /** SIGKILL to a process and every process below it; waits (bounded) for them to end. */
  static void destroyTree(Process p) {
    if (p == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>();
    p.descendants().forEach(all::add);
    all.add(p.toHandle());
    for (ProcessHandle h : all) {
      h.destroyForcibly();
    }
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Nothing more can be done than SIGKILL.
      }
    }
    PROCESSES.remove(p);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Prints one marked line of figures, easy to find in the build's output. */
  /**
   * What a database holds of the reports a scenario sent: each sent id stored once, more than once,
   * or not at all, and rows of ids nobody sent.
   */
  record Tally(int stored, int duplicates, int lost, int strangers) {}

  static Tally tally(Connection c, java.util.Collection<String> expected) throws SQLException {
    Map<String, Integer> rows = new java.util.HashMap<>();
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "SELECT CAST(report_id AS VARCHAR(36)), COUNT(*) FROM report GROUP BY report_id")) {
      while (rs.next()) {
        rows.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getInt(2));
      }
    }
    int stored = 0;
    int duplicates = 0;
    for (String id : expected) {
      Integer n = rows.get(id);
      if (n != null) {
        stored++;
        duplicates += n - 1;
      }
    }
    int strangers = 0;
    for (String id : rows.keySet()) {
      if (!expected.contains(id)) {
        strangers++;
      }
    }
    return new Tally(stored, duplicates, expected.size() - stored, strangers);
  }

  static void figures(String scenario, Map<String, ?> figures) {
    StringBuilder sb = new StringBuilder("E2E ").append(scenario).append(':');
    figures.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(FULL ? " (full)" : " (short)");
    System.out.println(sb);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Resident memory of a process in KiB, from {@code /proc/<pid>/status}. */
  static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  // --- PostgreSQL ---------------------------------------------------------------------------

  static final String PG_URL =
      env("SHIMWATCH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/shimwatch_test");
  static final String PG_USER = env("SHIMWATCH_TEST_PG_USER", "shimwatch");
  static final String PG_PASSWORD = env("SHIMWATCH_TEST_PG_PASSWORD", "shimwatch");

  /** Skips when no PostgreSQL answers, or fails under {@code CI=true}. */
  static void requirePostgres() {
    String problem = null;
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      c.isValid(2);
    } catch (SQLException e) {
      problem = e.getMessage();
    }
    if (problem == null) {
      return;
    }
    String message =
        "PostgreSQL not reachable at "
            + PG_URL
            + " as "
            + PG_USER
            + " ("
            + problem
            + "); .ci/test-deps.sh installs and starts it";
    MissingPart.skipOrFail("it needs PostgreSQL: " + message);
  }

  /** A fresh schema name, dropped when the JVM exits. */
  static String newSchema(String purpose) {
    String s = "sw_e2e_" + purpose + "_" + Long.toHexString(System.nanoTime());
    SCHEMAS.add(s);
    return s;
  }

  static List<String> schemas() {
    return List.copyOf(SCHEMAS);
  }

  static Connection postgres(String schema) throws SQLException {
    return DriverManager.getConnection(
        PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        PG_USER,
        PG_PASSWORD);
  }

  /** An H2 file database a stopped server left behind. */
  static Connection h2(Path dataDir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("shimwatch") + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r",
        "sa",
        "");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  // --- clean-up ------------------------------------------------------------------------------

  private static void cleanUpAtExit() {
    for (Process p : List.copyOf(PROCESSES)) {
      destroyTree(p);
    }
    for (String s : SCHEMAS) {
      try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + s + " CASCADE");
      } catch (SQLException e) {
        // Never created.
      }
    }
    if (!Boolean.getBoolean("e2e.keep")) {
      deleteTree(RUN_DIR);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Best effort; the folder is under the system's temporary directory.
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // Best effort.
    }
  }

  private static Path findRepo() {
    List<Path> starts = new ArrayList<>();
    String root = System.getProperty("e2e.root");
    if (root != null && !root.isBlank() && !root.contains("${")) {
      starts.add(Path.of(root));
    }
    starts.add(Path.of(System.getProperty("user.dir")));
    for (Path start : starts) {
      for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("probe-agent")) && Files.isDirectory(p.resolve("server"))) {
          return p;
        }
      }
    }
    return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  }

  /** {@code fields} as an HTML form's body ({@code application/x-www-form-urlencoded}). */
  static String formBody(Map<String, String> fields) {
    List<String> parts = new ArrayList<>();
    fields.forEach(
        (k, v) ->
            parts.add(
                java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", parts);
  }

  /** Posts {@code fields} to {@code url} as a browser posts a form, and answers the response. */
  static java.net.http.HttpResponse<String> postForm(
      java.net.http.HttpClient client, String url, Map<String, String> fields) throws Exception {
    return client.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(formBody(fields)))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Signs {@code client} in as the admin through the sign-in form, with the form's CSRF token, as a
   * browser does; answers the response to the form's post (followed or not, as the client does).
   */
  static java.net.http.HttpResponse<String> signIn(java.net.http.HttpClient client, String base)
      throws Exception {
    java.net.http.HttpResponse<String> form =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
            .matcher(form.body());
    if (!csrf.find()) {
      throw new AssertionError("no CSRF token on the sign-in page: " + form.body());
    }
    return postForm(
        client,
        base + "/login",
        Map.of("username", "admin", "password", ADMIN_PASSWORD, "_csrf", csrf.group(1)));
  }
}
