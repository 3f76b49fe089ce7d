package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 1: a real BitTorrent download through the probe reaches the maintainer. A loopback swarm
 * (opentracker, a torrent from mktorrent, a seeding aria2c); a second aria2c downloads under {@code
 * shimwatch run}; its report is in the maintainer's report list and moved exactly one matrix cell,
 * the aria2c column of this machine's stack — all checked over HTTP against the built server jar.
 */
@Order(1)
class SwarmE2E {

  @Test
  void aDownloadUnderTheProbeShowsUpOnTheDashboard() throws Exception {
    E2e.requireTools("aria2c", "opentracker", "mktorrent");
    ServerProcess server = ServerProcess.shared();
    Path work = E2e.newDir("swarm");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(work.resolve("seed"));
    Files.createDirectories(work.resolve("leech"));
    List<Process> started = new ArrayList<>();
    try {
      int trackerPort = E2e.freePort();
      int seedPort = E2e.freePort();
      int leechPort = E2e.freePort();
      byte[] payload = new byte[2_000_000];
      new Random(9).nextBytes(payload);
      Files.write(work.resolve("seed/payload.bin"), payload);
      Path torrent = work.resolve("swarm.torrent");
      E2e.Result mk =
          E2e.run(
              List.of(
                  "mktorrent",
                  "-a",
                  "http://127.0.0.1:" + trackerPort + "/announce",
                  "-o",
                  torrent.toString(),
                  work.resolve("seed/payload.bin").toString()),
              Map.of(),
              work,
              Duration.ofSeconds(60));
      assertThat(mk.exit()).as("mktorrent: %s", mk.output()).isZero();
      // Debian's opentracker serves only the info hashes on its whitelist.
      E2e.Result show =
          E2e.run(
              List.of("aria2c", "-S", torrent.toString()), Map.of(), work, Duration.ofSeconds(30));
      String hash =
          show.output()
              .lines()
              .filter(l -> l.startsWith("Info Hash:"))
              .map(l -> l.substring("Info Hash:".length()).strip())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no info hash: " + show.output()));
      assertThat(hash).matches("[0-9a-f]{40}");
      Files.writeString(work.resolve("whitelist"), hash + "\n");

      started.add(
          E2e.start(
              List.of(
                  "opentracker",
                  "-i",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(trackerPort),
                  "-P",
                  Integer.toString(trackerPort),
                  "-d",
                  work.toString(),
                  "-w",
                  "whitelist"),
              Map.of(),
              work,
              work.resolve("opentracker.log")));
      awaitListening(trackerPort, work.resolve("opentracker.log"));
      List<String> common =
          List.of(
              "--enable-dht=false",
              "--enable-dht6=false",
              "--bt-enable-lpd=false",
              "--enable-peer-exchange=false",
              "--interface=127.0.0.1",
              "--disable-ipv6=true",
              "--bt-tracker-interval=2",
              "--summary-interval=0",
              "--console-log-level=warn");
      List<String> seed = new ArrayList<>(List.of("aria2c"));
      seed.addAll(common);
      seed.addAll(
          List.of(
              "--dir=" + work.resolve("seed"),
              "--listen-port=" + seedPort,
              "--check-integrity=true",
              "--seed-ratio=0",
              torrent.toString()));
      started.add(E2e.start(seed, Map.of(), work, work.resolve("seed.log")));
      awaitListening(seedPort, work.resolve("seed.log"));

      Map<String, long[]> before = cells(server);
      ProbeHome probe = new ProbeHome("swarm", server.base());
      probe.consent(2);
      List<String> leech = new ArrayList<>();
      leech.addAll(
          List.of(
              "run",
              "--outcome",
              "works",
              "--comment",
              "downloaded into "
                  + E2e.PLANTED_HOME
                  + "torrents from "
                  + E2e.PLANTED_IPS.get(0)
                  + " as "
                  + E2e.PLANTED_USER,
              "--",
              "aria2c"));
      leech.addAll(common);
      leech.addAll(
          List.of(
              "--event-poll=poll",
              "--dir=" + work.resolve("leech"),
              "--listen-port=" + leechPort,
              "--seed-time=0",
              torrent.toString()));
      long t0 = System.nanoTime();
      E2e.Result run = probe.cli(leech.toArray(String[]::new));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(run.exit()).as("shimwatch run -- aria2c: %s", run.output()).isZero();
      assertThat(sha256(work.resolve("leech/payload.bin"))).isEqualTo(sha256(payload));

      List<String> sent = probe.sentIds();
      assertThat(sent).as("the probe's sent reports").hasSize(1);
      String reportId = sent.get(0);

      // The maintainer's report list, filtered to the client.
      String listedBy;
      HttpResponse<String> list =
          server.get("/api/v1/admin/projects/default/reports?client=aria2c&size=100", true);
      if (list.statusCode() == 200) {
        JsonNode page = ReportJson.mapper().readTree(list.body());
        List<String> ids = new ArrayList<>();
        page.path("reports").forEach(r -> ids.add(r.path("reportId").asText()));
        assertThat(ids).as("report list %s", list.body()).contains(reportId);
        page.path("reports")
            .forEach(
                r -> {
                  if (r.path("reportId").asText().equals(reportId)) {
                    assertThat(r.path("clientName").asText()).isEqualTo("aria2c");
                  }
                });
        listedBy = "report-list";
      } else {
        // No report list API on this server: the matrix below is the maintainer's view of it.
        System.out.println(
            "E2E swarm: GET .../reports answered "
                + list.statusCode()
                + "; checked the maintainer matrix only");
        listedBy = "matrix-only";
      }

      // Exactly one cell moved, by one report that works, in the aria2c column of this stack.
      Map<String, long[]> after = awaitCellsChange(server, before);
      List<String> moved = new ArrayList<>();
      for (Map.Entry<String, long[]> e : after.entrySet()) {
        long[] was = before.getOrDefault(e.getKey(), new long[2]);
        if (e.getValue()[0] != was[0] || e.getValue()[1] != was[1]) {
          moved.add(e.getKey());
          assertThat(e.getValue()[0] - was[0]).as("reports in %s", e.getKey()).isEqualTo(1);
          assertThat(e.getValue()[1] - was[1]).as("works in %s", e.getKey()).isEqualTo(1);
        }
      }
      String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
      assertThat(moved).hasSize(1);
      assertThat(moved.get(0)).contains("client=aria2c").contains(kernel);

      E2e.figures(
          "swarm",
          E2e.map(
              "report",
              reportId,
              "runMs",
              ms,
              "cell",
              moved.get(0).replace(' ', '_'),
              "listed",
              listedBy));
    } finally {
      for (Process p : started) {
        E2e.destroyTree(p);
      }
    }
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
              + row.path("platform").asText()
              + "/"
              + row.path("stack").asText()
              + " | client="
              + col.path("clientName").asText()
              + " "
              + col.path("clientVersion").asText();
      out.merge(
          key,
          new long[] {c.path("reports").asLong(), c.path("outcomes").path("works").asLong()},
          (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }
    return out;
  }

  private static Map<String, long[]> awaitCellsChange(
      ServerProcess server, Map<String, long[]> before) throws Exception {
    Map<String, long[]> now = cells(server);
    for (int i = 0; i < 50 && same(before, now); i++) {
      ServerProcess.sleep(200);
      now = cells(server);
    }
    return now;
  }

  private static boolean same(Map<String, long[]> a, Map<String, long[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, long[]> e : a.entrySet()) {
      if (!java.util.Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
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
