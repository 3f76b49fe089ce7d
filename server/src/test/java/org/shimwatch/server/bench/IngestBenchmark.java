package org.shimwatch.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportIds;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.demo.DemoReports;

/**
 * Benchmark, not a test: durable ingest throughput of realistic 3-5 KiB reports, against the same
 * server's no-op endpoint measured in the same run. The server runs as its own process (the built
 * jar) on loopback; this process drives it with {@link LoadConnection}s, 256 keep-alive connections
 * sending prepared requests. Besides the rates it prints the server process's CPU time per request
 * in each phase, the figure least disturbed by whatever else the machine runs. Runs on the H2 file
 * database, then on PostgreSQL when one is reachable. Run with {@code mvn -q -Pbench -DskipTests
 * verify}.
 */
public final class IngestBenchmark {

  static final String KEY = "swk_benchmark_key_0123456789";

  /**
   * In-flight requests: a fleet of probes posting at once, so commits can be grouped ({@code
   * -Dbench.clients}; more clients, bigger groups).
   */
  static final int CLIENTS = Integer.getInteger("bench.clients", 256);

  /**
   * Long enough for the server's JIT compiler to settle: on two cores it compiles for well over ten
   * seconds of load, and a shorter warm-up measured the compiler rather than the server (the no-op
   * endpoint's rate halved). {@code -Dbench.warmup} seconds.
   */
  static final Duration WARM_UP_INGEST = Duration.ofSeconds(Long.getLong("bench.warmup", 100));

  /**
   * The server's heap ({@code -Dbench.heap}): a quarter of this machine's memory, what the JVM
   * gives the README's run command by default here.
   */
  static final String SERVER_HEAP = System.getProperty("bench.heap", "6g");

  static final Duration WARM_UP_NOOP = Duration.ofSeconds(10);
  static final Duration MEASURE = Duration.ofSeconds(20);

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/shimwatch-server.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the server first: " + jar + " is missing");
    }
    // Enough new reports for the warm-up and the measurement at well over the target rate.
    List<Body> bodies =
        bodies(
            (int)
                Math.min(600_000, (WARM_UP_INGEST.toSeconds() + MEASURE.toSeconds() + 10) * 3_500));
    double avgKiB = bodies.stream().mapToInt(b -> b.json.length).average().orElse(0) / 1024;
    run("h2", jar, bodies, avgKiB, List.of());
    String pgUrl = env("SHIMWATCH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/shimwatch_test");
    String user = env("SHIMWATCH_TEST_PG_USER", "shimwatch");
    String password = env("SHIMWATCH_TEST_PG_PASSWORD", "shimwatch");
    String schema = "sw_bench_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(pgUrl, user, password)) {
      c.isValid(2);
    } catch (Exception e) {
      System.out.println("server bench ingest postgres: skipped, no PostgreSQL at " + pgUrl);
      return;
    }
    try {
      run(
          "postgres",
          jar,
          bodies,
          avgKiB,
          List.of(
              "--spring.profiles.active=postgres",
              "--spring.datasource.url=" + pgUrl + "?currentSchema=" + schema,
              "--spring.datasource.username=" + user,
              "--spring.datasource.password=" + password,
              "--spring.flyway.schemas=" + schema,
              "--spring.flyway.default-schema=" + schema,
              "--spring.flyway.create-schemas=true"));
    } finally {
      try (Connection c = DriverManager.getConnection(pgUrl, user, password)) {
        c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private record Body(byte[] json, String secret) {}

  private static List<Body> bodies(int n) {
    // A million installations: no installation's rate limit is ever reached.
    DemoReports gen = new DemoReports(42, Instant.now(), 1_000_000);
    List<Body> out = new ArrayList<>(n);
    StringBuilder filler = new StringBuilder();
    while (out.size() < n) {
      DemoReports.Generated g = gen.next();
      Report r = g.report();
      if (r.consentLevel() < 2) {
        continue;
      }
      byte[] json = ReportJson.write(r).getBytes(StandardCharsets.UTF_8);
      int target = 3 * 1024 + (out.size() * 37) % (2 * 1024);
      String comment = r.comment();
      if (json.length < target) {
        // Pad with a user comment up to the target size, as real reports with comments are.
        filler.setLength(0);
        while (filler.length() < Math.min(3900, target - json.length)) {
          filler.append("stalls seen while seeding to many peers; ");
        }
        comment = filler.substring(0, Math.min(filler.length(), 3900));
      }
      // Made just before it is sent, as a probe's report is, with the id the probe would give it.
      Instant made = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      Report sent =
          new Report(
              r.schemaVersion(),
              ReportIds.next(made),
              r.installationId(),
              r.consentLevel(),
              made,
              r.source(),
              r.period(),
              r.outcome(),
              comment,
              r.environment(),
              r.metrics(),
              r.traps(),
              r.selfTests());
      json = ReportJson.write(sent).getBytes(StandardCharsets.UTF_8);
      out.add(new Body(json, DemoReports.installationSecret(g.installation())));
    }
    return out;
  }

  private static void run(String db, Path jar, List<Body> bodies, double avgKiB, List<String> extra)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("shimwatch-bench-" + db);
    Path log = Files.createTempFile("shimwatch-bench-server", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx" + SERVER_HEAP, "-jar", jar.toString()));
    cmd.addAll(
        List.of(
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--shimwatch.data-dir=" + data,
            "--shimwatch.bootstrap-key=" + KEY,
            "--shimwatch.admin-password=bench-admin-password",
            "--logging.level.root=WARN"));
    cmd.addAll(extra);
    Process server =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = false;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      waitHealthy(http, port, server);
      AtomicInteger next = new AtomicInteger();
      // Warm both paths so neither is measured cold.
      drive(port, bodies, next, false, WARM_UP_INGEST);
      drive(port, bodies, next, true, WARM_UP_NOOP);
      Process self = null;
      Duration cpu0 = cpu(server);
      Duration own0 = cpu(self);
      Result noop = drive(port, bodies, next, true, MEASURE);
      Duration cpu1 = cpu(server);
      Duration own1 = cpu(self);
      Result ingest = drive(port, bodies, next, false, MEASURE);
      Duration cpu2 = cpu(server);
      Duration own2 = cpu(self);
      double noopCpuUs = cpu1.minus(cpu0).toNanos() / 1e3 / Math.max(1, noop.count);
      double ingestCpuUs = cpu2.minus(cpu1).toNanos() / 1e3 / Math.max(1, ingest.count);
      // The load driver shares the machine's cores with the server: its own share, for the record.
      double noopOwnUs = own1.minus(own0).toNanos() / 1e3 / Math.max(1, noop.count);
      double ingestOwnUs = own2.minus(own1).toNanos() / 1e3 / Math.max(1, ingest.count);
      System.out.printf(
          "server bench ingest %s: server CPU %.0f us per report, %.0f us per no-op request;"
              + " load driver CPU %.0f us per report, %.0f us per no-op request%n",
          db, ingestCpuUs, noopCpuUs, ingestOwnUs, noopOwnUs);
      if (ingest.errors > 0 || noop.errors > 0) {
        System.out.printf(
            "server bench ingest %s: %d ingest errors, %d no-op errors%n",
            db, ingest.errors, noop.errors);
      }
      System.out.printf(
          "server bench ingest %s: %,.0f reports/s committed (%.1f KiB avg, %d clients), p99 %.1f"
              + " ms; baseline no-op endpoint %,.0f req/s, p99 %.1f ms; ratio %.2f (targets >= 3,000"
              + " reports/s and >= 0.50)%n",
          db,
          ingest.rate,
          avgKiB,
          CLIENTS,
          ingest.p99Ms,
          noop.rate,
          noop.p99Ms,
          ingest.rate / noop.rate);
      done = true;
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      // The database grows by gigabytes over a run: it goes; the server's log stays only when
      // something went wrong.
      deleteTree(data);
      if (done) {
        Files.deleteIfExists(log);
      } else {
        System.out.println("server bench ingest " + db + ": the server's log is " + log);
      }
    }
  }

  private record Result(double rate, double p99Ms, long errors, long count) {}

  private static Result drive(
      int port, List<Body> bodies, AtomicInteger next, boolean noop, Duration length)
      throws InterruptedException {
    String ingest = IngestProtocol.reportsPath("default");
    String ping = "/api/v1/ping";
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicInteger noopNext = new AtomicInteger();
    long[][] latencies = new long[CLIENTS][];
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    for (int t = 0; t < CLIENTS; t++) {
      int thread = t;
      pool.submit(
          () -> {
            long[] lat = new long[50_000];
            int n = 0;
            try (LoadConnection c = new LoadConnection("127.0.0.1", port)) {
              while (System.nanoTime() < deadline) {
                // The no-op endpoint stores nothing, so it may reuse bodies; ingest needs new ones.
                int i = noop ? noopNext.getAndIncrement() % bodies.size() : next.getAndIncrement();
                if (i >= bodies.size()) {
                  break;
                }
                Body b = bodies.get(i);
                byte[] head =
                    noop
                        ? LoadConnection.postHead("127.0.0.1", port, ping, b.json.length)
                        : LoadConnection.postHead(
                            "127.0.0.1",
                            port,
                            ingest,
                            b.json.length,
                            IngestProtocol.KEY_HEADER,
                            KEY,
                            IngestProtocol.INSTALLATION_SECRET_HEADER,
                            b.secret);
                long t0 = System.nanoTime();
                try {
                  int expected = noop ? 204 : 202;
                  if (c.exchange(head, b.json) == expected) {
                    ok.incrementAndGet();
                  } else {
                    errors.incrementAndGet();
                  }
                } catch (IOException e) {
                  errors.incrementAndGet();
                }
                if (n < lat.length) {
                  lat[n++] = System.nanoTime() - t0;
                }
              }
            }
            latencies[thread] = Arrays.copyOf(lat, n);
          });
    }
    pool.shutdown();
    pool.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    double p99 =
        all.length == 0
            ? 0
            : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6;
    if (next.get() >= bodies.size()) {
      System.out.println("server bench: ran out of prepared reports; raise their number");
    }
    return new Result(ok.get() / seconds, p99, errors.get(), ok.get());
  }

  /** A process's CPU time so far, user and system; this process's own when {@code null}. */
  private static Duration cpu(Process process) {
    ProcessHandle h = process == null ? ProcessHandle.current() : process.toHandle();
    return h.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static void waitHealthy(HttpClient http, int port, Process server) throws Exception {
    URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited while starting");
      }
      try {
        if (http.send(
                    HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server did not become healthy within 90 s");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
