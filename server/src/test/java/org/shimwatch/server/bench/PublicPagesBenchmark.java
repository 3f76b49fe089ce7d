package org.shimwatch.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark, not a test: the public pages under a crowd, against the health endpoint and the matrix
 * JSON measured in the same run over the same connections. The built jar runs as its own process
 * with its demo data (H2), as {@code java -jar shimwatch-server.jar --demo} starts it; this process
 * keeps {@link #CONNECTIONS} keep-alive connections open over loopback and drives every endpoint in
 * turn with all of them, each request sent as soon as the previous answer on its connection is
 * read. It prints each endpoint's rate and p99, the pages' ratios to the JSON and health rates, and
 * the rates of answers that are {@code 304} because the visitor's copy is current, and of answers
 * rendered for every request (a crowd asking for every filter at once, which no answer kept for an
 * ETag helps). Run with {@code mvn -q -Pbench -DskipTests verify}.
 */
public final class PublicPagesBenchmark {

  /** Concurrent visitors ({@code -Dbench.pages.connections}), as {@code wrk -c32}. */
  static final int CONNECTIONS = Integer.getInteger("bench.pages.connections", 32);

  /** Seconds each endpoint is driven before it is measured: the JIT compiles its path. */
  static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.pages.warmup", 8));

  /** Seconds each endpoint is measured. */
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.pages.seconds", 10));

  private PublicPagesBenchmark() {}

  /**
   * One endpoint as driven: its path, extra headers, and the answer it must give. A {@code fresh}
   * target adds a query parameter of its own to every request ({@code visit=N}, which the pages
   * ignore), so no answer is ever kept or current: each one is read and rendered.
   */
  private record Target(String name, String path, int status, boolean fresh, String... headers) {

    Target(String name, String path, int status, String... headers) {
      this(name, path, status, false, headers);
    }
  }

  private record Result(double rate, double p99Ms, long errors) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/shimwatch-server.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the server first: " + jar + " is missing");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("shimwatch-bench-pages");
    Path log = Files.createTempFile("shimwatch-bench-pages", ".log");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "--demo",
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--shimwatch.data-dir=" + data,
            "--shimwatch.admin-password=bench-admin-password",
            "--logging.level.root=WARN");
    Process server =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = false;
    List<LoadConnection> connections = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + port;
      JsonNode matrix = waitForDemo(http, base, server);
      String cell = cellPath(matrix);
      Map<String, String> etags = new LinkedHashMap<>();
      for (String p : List.of("/", "/matrix/default", cell, "/api/v1/projects/default/matrix")) {
        etags.put(p, etag(http, base + p));
      }
      for (int i = 0; i < CONNECTIONS; i++) {
        connections.add(new LoadConnection("127.0.0.1", port));
      }
      List<Target> targets =
          List.of(
              new Target("health", "/actuator/health", 200),
              new Target("matrix JSON", "/api/v1/projects/default/matrix", 200),
              new Target("home page /", "/", 200),
              new Target("matrix page", "/matrix/default", 200),
              new Target("cell page", cell, 200),
              new Target("badge", "/badge/default.svg", 200),
              new Target("home, rendered", "/", 200, true),
              new Target("matrix, rendered", "/matrix/default", 200, true),
              new Target("cell, rendered", cell, 200, true),
              new Target("JSON, computed", "/api/v1/projects/default/matrix", 200, true),
              new Target("badge, rendered", "/badge/default.svg", 200, true),
              new Target(
                  "matrix JSON 304",
                  "/api/v1/projects/default/matrix",
                  304,
                  "If-None-Match",
                  etags.get("/api/v1/projects/default/matrix")),
              new Target("home page / 304", "/", 304, "If-None-Match", etags.get("/")),
              new Target(
                  "matrix page 304",
                  "/matrix/default",
                  304,
                  "If-None-Match",
                  etags.get("/matrix/default")),
              new Target("cell page 304", cell, 304, "If-None-Match", etags.get(cell)));
      Map<String, Result> results = new LinkedHashMap<>();
      for (Target t : targets) {
        drive(pool, connections, port, t, WARM_UP);
        results.put(t.name(), drive(pool, connections, port, t, MEASURE));
      }
      double health = results.get("health").rate();
      double json = results.get("matrix JSON").rate();
      for (Map.Entry<String, Result> e : results.entrySet()) {
        Result r = e.getValue();
        System.out.printf(
            "server bench pages: %-16s %,8.0f req/s, p99 %6.1f ms; x%.2f of the matrix JSON,"
                + " x%.2f of health%s%n",
            e.getKey(),
            r.rate(),
            r.p99Ms(),
            r.rate() / json,
            r.rate() / health,
            r.errors() > 0 ? " (" + r.errors() + " errors)" : "");
      }
      System.out.printf(
          "server bench pages: %d connections, %d s measured per endpoint after %d s of warm-up;"
              + " targets: pages >= 0.50 x JSON and >= 0.25 x health, badge >= 0.50 x health;"
              + " 'rendered' and 'computed' answers carry a query of their own each, so nothing"
              + " kept serves them%n",
          CONNECTIONS, MEASURE.toSeconds(), WARM_UP.toSeconds());
      done = true;
    } finally {
      connections.forEach(LoadConnection::close);
      pool.shutdownNow();
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      deleteTree(data);
      if (done) {
        Files.deleteIfExists(log);
      } else {
        System.out.println("server bench pages: the server's log is " + log);
      }
    }
  }

  /** Drives one endpoint with every connection for a while. */
  private static Result drive(
      ExecutorService pool, List<LoadConnection> connections, int port, Target t, Duration length)
      throws Exception {
    byte[] head = LoadConnection.getHead("127.0.0.1", port, t.path(), t.headers());
    byte[] none = new byte[0];
    java.util.concurrent.atomic.AtomicLong visits = new java.util.concurrent.atomic.AtomicLong();
    String separator = t.path().contains("?") ? "&" : "?";
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    List<Future<long[]>> runs = new ArrayList<>();
    long[] errors = new long[connections.size()];
    for (int i = 0; i < connections.size(); i++) {
      LoadConnection c = connections.get(i);
      int index = i;
      runs.add(
          pool.submit(
              () -> {
                long[] lat = new long[200_000];
                int n = 0;
                while (System.nanoTime() < deadline) {
                  byte[] request =
                      t.fresh()
                          ? LoadConnection.getHead(
                              "127.0.0.1",
                              port,
                              t.path() + separator + "visit=" + visits.incrementAndGet(),
                              t.headers())
                          : head;
                  long t0 = System.nanoTime();
                  try {
                    if (c.exchange(request, none) != t.status()) {
                      errors[index]++;
                      continue;
                    }
                  } catch (IOException e) {
                    errors[index]++;
                    continue;
                  }
                  if (n < lat.length) {
                    lat[n++] = System.nanoTime() - t0;
                  }
                }
                return Arrays.copyOf(lat, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : runs) {
      all.add(f.get(length.toSeconds() + 60, TimeUnit.SECONDS));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    double p99 =
        sorted.length == 0
            ? 0
            : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    return new Result(sorted.length / seconds, p99, Arrays.stream(errors).sum());
  }

  /** Waits until the demo reports are in and the matrix has stopped changing; returns it. */
  private static JsonNode waitForDemo(HttpClient http, String base, Process server)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    String last = null;
    int steady = 0;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited while starting");
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/default/matrix"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        String etag = r.headers().firstValue("ETag").orElse("");
        JsonNode m = r.statusCode() == 200 ? ReportJson.mapper().readTree(r.body()) : null;
        if (m != null && !m.get("cells").isEmpty() && etag.equals(last)) {
          if (++steady >= 4) {
            return m;
          }
        } else {
          steady = 0;
        }
        last = etag;
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the demo data did not load within 180 s");
  }

  /** The drill-down of the matrix's first cell with public counts. */
  private static String cellPath(JsonNode m) {
    for (JsonNode c : m.get("cells")) {
      if (c.has("reports")) {
        String row = m.get("rows").get(c.get("row").asInt()).get("key").asString();
        String column = m.get("columns").get(c.get("column").asInt()).get("key").asString();
        return "/matrix/default/cell?row=" + row + "&columns=client&column=" + column;
      }
    }
    throw new IllegalStateException("the demo matrix has no cell with public counts");
  }

  private static String etag(HttpClient http, String uri) throws Exception {
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(URI.create(uri)).build(),
            HttpResponse.BodyHandlers.discarding());
    return r.headers()
        .firstValue("ETag")
        .orElseThrow(() -> new IllegalStateException(uri + " has no ETag"));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
