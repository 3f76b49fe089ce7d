package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.demo.DemoReports;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario 5: sustained ingest at half the measured maximum. The maximum is measured first (as many
 * reports as 32 clients can get committed, closed loop); then reports are sent at half that rate,
 * each on its own schedule, for the duration (30 s short, 5 minutes full). Printed: errors, p99
 * latency, and the server's resident memory at start and end. Every request carries an {@code
 * X-Forwarded-For} address and a comment with an address and a home folder, for the privacy audit.
 */
@Order(4)
class LoadE2E {

  static final int MEASURE_CLIENTS = 32;
  static final int PACED_CLIENTS = 32;

  record Body(String json, String secret, String reportId) {}

  @Test
  void halfTheMaximumForTheDurationWithoutErrors() throws Exception {
    ServerProcess server = ServerProcess.shared();
    Duration measure = E2e.scale(Duration.ofSeconds(8), Duration.ofSeconds(20));
    Duration sustain = E2e.scale(Duration.ofSeconds(30), Duration.ofMinutes(5));
    List<Body> bodies = bodies(20_000);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI uri = URI.create(server.base() + IngestProtocol.reportsPath("default"));
    AtomicInteger next = new AtomicInteger();

    // Warm up, then the maximum, closed loop.
    closedLoop(http, uri, bodies, next, Duration.ofSeconds(3));
    Stats max = closedLoop(http, uri, bodies, next, measure);
    double rate = max.ok / (measure.toNanos() / 1e9) / 2;
    assertThat(rate).as("measured maximum %s", max).isGreaterThan(10);

    long rssStart = E2e.rssKib(server.pid());
    Stats sustained = paced(http, uri, bodies, next, rate, sustain);
    long rssEnd = E2e.rssKib(server.pid());
    double seconds = sustain.toNanos() / 1e9;
    E2e.figures(
        "load",
        E2e.map(
            "maxPerSec",
            Math.round(max.ok / (measure.toNanos() / 1e9)),
            "targetPerSec",
            Math.round(rate),
            "seconds",
            Math.round(seconds),
            "sent",
            sustained.sent,
            "accepted",
            sustained.ok,
            "achievedPerSec",
            Math.round(sustained.ok / seconds),
            "errors",
            sustained.errors,
            "p50Ms",
            String.format("%.1f", sustained.p50Ms),
            "p99Ms",
            String.format("%.1f", sustained.p99Ms),
            "rssStartMiB",
            rssStart / 1024,
            "rssEndMiB",
            rssEnd / 1024));
    assertThat(sustained.errors).isZero();
    assertThat(sustained.ok).isGreaterThanOrEqualTo((long) (rate * seconds * 0.9));
  }

  record Stats(long sent, long ok, long errors, double p50Ms, double p99Ms) {}

  static Stats closedLoop(
      HttpClient http, URI uri, List<Body> bodies, AtomicInteger next, Duration length)
      throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long deadline = System.nanoTime() + length.toNanos();
    List<long[]> lat = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(MEASURE_CLIENTS);
    try {
      List<java.util.concurrent.Future<long[]>> fs = new ArrayList<>();
      for (int t = 0; t < MEASURE_CLIENTS; t++) {
        fs.add(
            pool.submit(
                () -> {
                  long[] l = new long[100_000];
                  int n = 0;
                  while (System.nanoTime() < deadline && n < l.length) {
                    l[n++] = timedPost(http, uri, bodies, next, ok, errors);
                  }
                  return Arrays.copyOf(l, n);
                }));
      }
      for (var f : fs) {
        lat.add(f.get(length.toSeconds() + 60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    return stats(lat, ok.get() + errors.get(), ok.get(), errors.get());
  }

  /** Each client sends on its own fixed schedule; a client that falls behind sends at once. */
  private static Stats paced(
      HttpClient http,
      URI uri,
      List<Body> bodies,
      AtomicInteger next,
      double perSecond,
      Duration length)
      throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long interval = (long) (1e9 * PACED_CLIENTS / perSecond);
    List<long[]> lat = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(PACED_CLIENTS);
    try {
      List<java.util.concurrent.Future<long[]>> fs = new ArrayList<>();
      for (int t = 0; t < PACED_CLIENTS; t++) {
        long offset = interval * t / PACED_CLIENTS;
        fs.add(
            pool.submit(
                () -> {
                  int capacity = (int) (length.toNanos() / interval) + 2;
                  long[] l = new long[capacity];
                  int n = 0;
                  for (long due = start + offset; due < end && n < capacity; due += interval) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    l[n++] = timedPost(http, uri, bodies, next, ok, errors);
                  }
                  return Arrays.copyOf(l, n);
                }));
      }
      for (var f : fs) {
        lat.add(f.get(length.toSeconds() + 120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    return stats(lat, ok.get() + errors.get(), ok.get(), errors.get());
  }

  /** Posts the next body, counts the answer as accepted or not, and returns how long it took. */
  private static long timedPost(
      HttpClient http,
      URI uri,
      List<Body> bodies,
      AtomicInteger next,
      AtomicLong ok,
      AtomicLong errors) {
    long t0 = System.nanoTime();
    if (post(http, uri, bodies.get(next.getAndIncrement() % bodies.size()))) {
      ok.incrementAndGet();
    } else {
      errors.incrementAndGet();
    }
    return System.nanoTime() - t0;
  }

  private static boolean post(HttpClient http, URI uri, Body b) {
    // A new report id each time, so that each request is a new report (never a duplicate).
    String json = b.json.replace(b.reportId, UUID.randomUUID().toString());
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header(IngestProtocol.KEY_HEADER, E2e.KEY)
            .header(IngestProtocol.INSTALLATION_SECRET_HEADER, b.secret)
            .header("X-Forwarded-For", E2e.PLANTED_IPS.get(1) + ", " + E2e.PLANTED_IPS.get(0))
            .header("X-Real-IP", E2e.PLANTED_IPS.get(1))
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 202;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Stats stats(List<long[]> parts, long sent, long ok, long errors) {
    long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Stats(sent, ok, errors, percentile(all, 0.50), percentile(all, 0.99));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** Realistic reports of many installations; one in ten carries the planted comment. */
  static List<Body> bodies(int n) {
    DemoReports gen = new DemoReports(77, Instant.now(), 1_000_000);
    List<Body> out = new ArrayList<>(n);
    while (out.size() < n) {
      DemoReports.Generated g = gen.next();
      ObjectNode doc = (ObjectNode) ReportJson.mapper().readTree(ReportJson.write(g.report()));
      if (out.size() % 10 == 0) {
        doc.put(
            "comment",
            "stalls when seeding from "
                + E2e.PLANTED_IPS.get(1)
                + " into "
                + E2e.PLANTED_HOME
                + "Downloads");
      }
      String id = doc.path("reportId").asText();
      out.add(
          new Body(
              ReportJson.mapper().writeValueAsString(doc),
              DemoReports.installationSecret(g.installation()),
              id));
    }
    return out;
  }
}
