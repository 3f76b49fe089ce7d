package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.strace.StraceTally;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 1: real downloads and real network programs through the probe reach the maintainer.
 *
 * <p>A loopback swarm (opentracker, a torrent from mktorrent, a seeding aria2c); three BitTorrent
 * clients download from it one after the other, each under {@code shimwatch run}: aria2c,
 * transmission-cli and rtorrent, each run as its users run it ({@link SwarmClients.Leecher}). Each
 * download is checked by SHA-256; each report is in the maintainer's report list, moved exactly one
 * matrix cell (its client's column of this machine's stack), and its call counts equal the
 * kernel's: strace runs around {@code shimwatch run} and counts the readiness system calls of the
 * client's processes ({@link StraceTally}), since none of these clients prints a count of its own.
 *
 * <p>Then two python3 programs over loopback that do count their own calls: an HTTP download driven
 * by {@code select.select()} and an echo server with its clients driven by {@code
 * selectors.DefaultSelector} (epoll). Their reports must show exactly the calls they printed.
 */
@Order(1)
class SwarmE2E {

  @Test
  void downloadsUnderTheProbeShowUpOnTheDashboard() throws Exception {
    ServerProcess server = ServerProcess.shared();
    Path work = E2e.newDir("swarm");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    SwarmClients.require(work);
    Files.createDirectories(work.resolve("seed"));
    List<Process> started = new ArrayList<>();
    try {
      byte[] payload = new byte[2_000_000];
      new Random(9).nextBytes(payload);
      SwarmClients.TrackedTorrent tracked =
          SwarmClients.trackedTorrent(work, "swarm", payload, started);
      Path torrent = tracked.torrent();
      int seedPort = E2e.freePort();
      List<String> seed = new ArrayList<>(List.of("aria2c"));
      seed.addAll(SwarmClients.ARIA2C_COMMON);
      seed.addAll(SwarmClients.seederArgs(work, seedPort, torrent));
      started.add(E2e.start(seed, Map.of(), work, work.resolve("seed.log")));
      awaitListening(seedPort, work.resolve("seed.log"));
      SwarmClients.Swarm swarm = new SwarmClients.Swarm(work, torrent, tracked.sha256());

      Map<String, long[]> before = cells(server);
      Map<String, String> reports = new LinkedHashMap<>();
      for (SwarmClients.Leecher leecher : SwarmClients.Leecher.values()) {
        reports.put(leecher.executable(), leech(server, swarm, leecher));
      }

      // Exactly one cell moved per client, by one report that works, in its column of this stack.
      // Linux rows are keyed by kernel series (6.1.0-27-amd64 is row "linux 6.1").
      String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
      java.util.regex.Matcher series =
          java.util.regex.Pattern.compile("^(\\d+\\.\\d+)").matcher(release);
      assertThat(series.find()).as("kernel release %s", release).isTrue();
      String kernel = "linux " + series.group(1);
      Map<String, long[]> after = awaitCellsChange(server, before, reports.size());
      List<String> moved = moved(before, after);
      assertThat(moved).as("matrix cells moved").hasSize(reports.size());
      for (String client : reports.keySet()) {
        List<String> mine =
            moved.stream().filter(k -> k.contains("client=" + client + " ")).toList();
        assertThat(mine).as("cells moved for %s: %s", client, moved).hasSize(1);
        assertThat(mine.get(0)).contains(kernel);
        long[] was = before.getOrDefault(mine.get(0), new long[2]);
        assertThat(after.get(mine.get(0))[0] - was[0]).as("reports in %s", mine).isEqualTo(1);
        assertThat(after.get(mine.get(0))[1] - was[1]).as("works in %s", mine).isEqualTo(1);
      }
      E2e.figures(
          "swarm",
          E2e.map(
              "clients",
              String.join(",", reports.keySet()),
              "cellsMoved",
              moved.size(),
              "cells",
              String.join(",", moved).replace(' ', '_')));
    } finally {
      for (Process p : started) {
        E2e.destroyTree(p);
      }
    }
  }

  /**
   * One leecher's download under {@code shimwatch run}, with strace around it; checks the file, the
   * report on the server and its counts against the kernel's. Returns the report id.
   */
  private static String leech(
      ServerProcess server, SwarmClients.Swarm swarm, SwarmClients.Leecher leecher)
      throws Exception {
    String name = leecher.executable();
    Path work = swarm.work();
    Path dir = Files.createDirectories(work.resolve("leech-" + name));
    String version = leecher.version(work);
    ProbeHome probe = new ProbeHome("swarm-" + name, server.base());
    probe.consent(2);
    List<String> args = new ArrayList<>(List.of("run", "--outcome", "works"));
    if (leecher == SwarmClients.Leecher.ARIA2C) {
      // Planted for the privacy audit: none of it may be stored.
      args.addAll(
          List.of(
              "--comment",
              "downloaded into "
                  + E2e.PLANTED_HOME
                  + "torrents from "
                  + E2e.PLANTED_IPS.get(0)
                  + " as "
                  + E2e.PLANTED_USER));
    }
    args.add("--");
    args.addAll(leecher.command(swarm, dir, E2e.freePort()));
    Path log = work.resolve(name + ".strace");
    List<String> command = SwarmClients.traced(log, args);

    long t0 = System.nanoTime();
    E2e.Result run =
        leecher.needsTerminal()
            ? SwarmClients.runInTerminal(
                command, probe.env(), probe.dir(), work.resolve(name + ".out"), LEECH_LIMIT)
            : E2e.run(command, probe.env(), probe.dir(), LEECH_LIMIT);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(run.exit())
        .as("shimwatch run -- %s: %s", name, SwarmClients.tail(run.output()))
        .isZero();
    assertThat(sha256(dir.resolve("payload.bin")))
        .as("%s's download", name)
        .isEqualTo(swarm.payloadSha256());

    List<String> sent = probe.sentIds();
    assertThat(sent).as("the probe's sent reports for %s", name).hasSize(1);
    String reportId = sent.get(0);
    String listed = listed(server, name, reportId);
    JsonNode report = server.adminJson("/api/v1/admin/projects/default/reports/" + reportId);
    JsonNode doc = report.path("document");
    assertThat(doc.at("/environment/client/name").asString()).isEqualTo(name);
    JsonNode calls = doc.at("/metrics/calls");

    // The report's counts against the kernel's count of the same run.
    StraceTally kernel = StraceTally.read(log, name);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("client", name);
    figures.put("version", version.replace(' ', '_'));
    figures.put("runMs", ms);
    figures.put("sha256", "equal");
    figures.put("report", reportId);
    figures.put("listed", listed);
    figures.put("processes", doc.at("/metrics/processes").asLong(-1));
    for (StraceTally.Family f : StraceTally.Family.values()) {
      long count = 0;
      long interrupted = 0;
      for (String kind : f.shimKinds()) {
        count += calls.path(kind).path("count").asLong(0);
        interrupted += calls.path(kind).path("results").path("interrupted").asLong(0);
      }
      assertThat(kernel.disagreement(f, count, interrupted))
          .as("%s, report %s against strace's count (%s): %s", name, reportId, log, calls)
          .isNull();
      figures.put(f.name().toLowerCase(Locale.ROOT), count + "/" + kernel.figure(f));
    }
    assertThat(calls.path(leecher.mainFamily().shimKinds().get(0)).path("count").asLong(0))
        .as("%s's %s calls in %s", name, leecher.mainFamily(), calls)
        .isPositive();
    figures.put("kernelTasks", kernel.tasks().size());
    E2e.figures("swarm", figures);
    return reportId;
  }

  private static final Duration LEECH_LIMIT = Duration.ofSeconds(120);

  /** Whether the maintainer's report list, filtered to the client, holds the report. */
  private static String listed(ServerProcess server, String client, String reportId)
      throws Exception {
    HttpResponse<String> list =
        server.get("/api/v1/admin/projects/default/reports?client=" + client + "&size=100", true);
    if (list.statusCode() != 200) {
      // No report list API on this server: the matrix is the maintainer's view of it.
      System.out.println(
          "E2E swarm: GET .../reports answered "
              + list.statusCode()
              + "; checked the maintainer matrix only");
      return "matrix-only";
    }
    JsonNode page = ReportJson.mapper().readTree(list.body());
    List<String> ids = new ArrayList<>();
    page.path("reports")
        .forEach(
            r -> {
              ids.add(r.path("reportId").asString());
              if (r.path("reportId").asString().equals(reportId)) {
                assertThat(r.path("clientName").asString()).isEqualTo(client);
              }
            });
    assertThat(ids).as("report list %s", list.body()).contains(reportId);
    return "report-list";
  }

  @Test
  void pythonProgramsReportTheCallsTheyCountedThemselves() throws Exception {
    E2e.requireTools("python3");
    ServerProcess server = ServerProcess.shared();
    Path work = E2e.newDir("python-clients");
    Path programs = Files.createDirectories(work.resolve("programs"));
    for (String p : List.of("select_fetch.py", "selectors_echo.py")) {
      try (var in = SwarmE2E.class.getResourceAsStream("clients/" + p)) {
        assertThat(in).as("test resource clients/%s", p).isNotNull();
        Files.copy(in, programs.resolve(p));
      }
    }
    Path site = Files.createDirectories(work.resolve("site"));
    Path fetched = Files.createDirectories(work.resolve("fetched"));
    Random random = new Random(21);
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 1; i <= 4; i++) {
      byte[] data = new byte[1_000_000];
      random.nextBytes(data);
      Files.write(site.resolve("part" + i + ".bin"), data);
      files.put("part" + i + ".bin", sha256(data));
    }
    String python = E2e.which("python3").toString();
    List<Process> started = new ArrayList<>();
    try {
      // The HTTP server runs without the probe; only the client is measured.
      int port = E2e.freePort();
      started.add(
          E2e.start(
              List.of(
                  python,
                  "-m",
                  "http.server",
                  "--bind",
                  "127.0.0.1",
                  "--directory",
                  site.toString(),
                  Integer.toString(port)),
              Map.of(),
              work,
              work.resolve("http-server.log")));
      awaitListening(port, work.resolve("http-server.log"));
      String version =
          E2e.run(List.of("python3", "--version"), Map.of(), work, Duration.ofSeconds(30))
              .output()
              .strip();
      Map<String, long[]> before = cells(server);
      ProbeHome probe = new ProbeHome("python-clients", server.base());
      probe.consent(2);

      List<String> fetch =
          new ArrayList<>(
              List.of(
                  "python3",
                  programs.resolve("select_fetch.py").toString(),
                  Integer.toString(port),
                  fetched.toString()));
      fetch.addAll(files.keySet());
      ProgramRun select = runProgram(server, probe, fetch, "select.select calls: (\\d+)", "select");
      for (Map.Entry<String, String> f : files.entrySet()) {
        assertThat(select.output())
            .contains("fetched " + f.getKey() + " 1000000 bytes sha256 " + f.getValue());
        assertThat(sha256(fetched.resolve(f.getKey()))).isEqualTo(f.getValue());
      }
      print("python3-select.select", version, select);

      ProgramRun selectors =
          runProgram(
              server,
              probe,
              List.of("python3", programs.resolve("selectors_echo.py").toString(), "4", "25"),
              "selector.select calls: (\\d+)",
              "epoll_wait");
      // On Linux the default selector is epoll's: one epoll_wait() per selector.select().
      assertThat(selectors.output())
          .contains("selector: EpollSelector")
          .contains("in 100 messages, all equal");
      print("python3-selectors", version, selectors);

      // Both reports are python3's: its column of this stack moved by two.
      Map<String, long[]> after = awaitCellsChange(server, before, 1);
      List<String> moved = moved(before, after);
      assertThat(moved).as("matrix cells moved").hasSize(1);
      assertThat(moved.get(0)).contains("client=python3 ");
      long[] was = before.getOrDefault(moved.get(0), new long[2]);
      assertThat(after.get(moved.get(0))[0] - was[0]).isEqualTo(2);
      assertThat(after.get(moved.get(0))[1] - was[1]).isEqualTo(2);
    } finally {
      for (Process p : started) {
        E2e.destroyTree(p);
      }
    }
  }

  /** A python3 program's run under {@code shimwatch run}: its output and its report's calls. */
  private record ProgramRun(
      String output, long ownCount, String reportId, JsonNode calls, long ms) {}

  /**
   * Runs a program that prints its own count of calls under {@code shimwatch run}; checks that its
   * report, found on the server, counted {@code kind} calls and nothing else, as many as the
   * program's own count (plus the calls the shim saw interrupted: Python retries a select or
   * epoll_wait that ends with EINTR itself, without the program knowing).
   */
  private static ProgramRun runProgram(
      ServerProcess server, ProbeHome probe, List<String> program, String countLine, String kind)
      throws Exception {
    List<String> before = probe.sentIds();
    List<String> args = new ArrayList<>(List.of("run", "--outcome", "works", "--"));
    args.addAll(program);
    long t0 = System.nanoTime();
    E2e.Result run = probe.cli(args.toArray(String[]::new));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(run.exit()).as("shimwatch run -- %s: %s", program, run.output()).isZero();
    Matcher m = Pattern.compile(countLine).matcher(run.output());
    assertThat(m.find()).as("the program's own count in %s", run.output()).isTrue();
    long own = Long.parseLong(m.group(1));

    List<String> sent = new ArrayList<>(probe.sentIds());
    sent.removeAll(before);
    assertThat(sent).as("reports sent for %s", program).hasSize(1);
    JsonNode doc =
        server.adminJson("/api/v1/admin/projects/default/reports/" + sent.get(0)).path("document");
    JsonNode calls = doc.at("/metrics/calls");
    List<String> kinds = new ArrayList<>();
    calls.propertyNames().forEach(kinds::add);
    assertThat(kinds).as("call kinds in the report of %s", program).containsExactly(kind);
    assertThat(doc.at("/metrics/processes").asLong()).isEqualTo(1);
    long count = calls.path(kind).path("count").asLong();
    long interrupted = calls.path(kind).path("results").path("interrupted").asLong();
    assertThat(count - interrupted)
        .as("%s calls in the report (%s interrupted), against the program's own", kind, interrupted)
        .isEqualTo(own);
    return new ProgramRun(run.output(), own, sent.get(0), calls, ms);
  }

  private static void print(String client, String version, ProgramRun run) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("client", client);
    figures.put("version", version.replace(' ', '_'));
    figures.put("runMs", run.ms());
    figures.put("report", run.reportId());
    run.calls()
        .properties()
        .forEach(
            e ->
                figures.put(
                    e.getKey(),
                    e.getValue().path("count").asLong()
                        + "/own:"
                        + run.ownCount()
                        + ",interrupted:"
                        + e.getValue().path("results").path("interrupted").asLong()));
    E2e.figures("swarm", figures);
  }

  /**
   * Maintainer matrix cells as "stack … | client=… version …" to {reports, works}. Rows and columns
   * are keyed by what they say, so that cells of two answers can be compared.
   */
  static Map<String, long[]> cells(ServerProcess server) throws Exception {
    JsonNode m = server.adminJson("/api/v1/admin/projects/default/matrix");
    Map<String, long[]> out = new HashMap<>();
    JsonNode rows = m.path("rows");
    JsonNode columns = m.path("columns");
    for (JsonNode c : m.path("cells")) {
      JsonNode row = rows.get(c.path("row").asInt());
      JsonNode col = columns.get(c.path("column").asInt());
      String key =
          "stack="
              + row.path("platform").asString()
              + "/"
              + row.path("stack").asString()
              + " | client="
              + col.path("clientName").asString()
              + " "
              + col.path("clientVersion").asString();
      out.merge(
          key,
          new long[] {c.path("reports").asLong(), c.path("outcomes").path("works").asLong()},
          (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }
    return out;
  }

  /** The matrix once at least {@code cells} cells differ from {@code before} (at most 10 s). */
  private static Map<String, long[]> awaitCellsChange(
      ServerProcess server, Map<String, long[]> before, int cells) throws Exception {
    Map<String, long[]> now = cells(server);
    for (int i = 0; i < 50 && moved(before, now).size() < cells; i++) {
      ServerProcess.sleep(200);
      now = cells(server);
    }
    return now;
  }

  /** The cells whose counts differ between two answers. */
  private static List<String> moved(Map<String, long[]> before, Map<String, long[]> after) {
    List<String> moved = new ArrayList<>();
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      if (!Arrays.equals(e.getValue(), before.getOrDefault(e.getKey(), new long[2]))) {
        moved.add(e.getKey());
      }
    }
    return moved;
  }

  static void awaitListening(int port, Path log) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException e) {
        ServerProcess.sleep(100);
      }
    }
    throw new AssertionError("nothing listens on " + port + ": " + E2e.read(log));
  }

  static String sha256(Path file) throws Exception {
    return sha256(Files.readAllBytes(file));
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
