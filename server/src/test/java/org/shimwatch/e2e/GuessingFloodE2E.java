package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;

/**
 * Scenario 11: fifty password guessers for a minute while probes post at full speed. Ingest is
 * measured alone, then with the guessers, on the same server in the same run; it must keep at least
 * 0.8 of its rate, and no guess may get in.
 */
@Order(7)
class GuessingFloodE2E {

  static final int GUESSERS = 50;

  /** Each guesser's pace: fifty of them make five hundred guesses a second. */
  static final int GUESSES_PER_SECOND_EACH = 10;

  @Test
  void ingestKeepsItsRateWhileFiftyGuessersHammerTheSignIn() throws Exception {
    Duration length = Duration.ofSeconds(60);
    ServerProcess server = ServerProcess.h2("guessing").start();
    try {
      List<LoadE2E.Body> bodies = LoadE2E.bodies(60_000);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      URI uri = URI.create(server.base() + IngestProtocol.reportsPath("default"));
      AtomicInteger next = new AtomicInteger();

      LoadE2E.closedLoop(http, uri, bodies, next, Duration.ofSeconds(5));
      LoadE2E.Stats alone = LoadE2E.closedLoop(http, uri, bodies, next, length);

      Guessers guessers = new Guessers(server.base());
      guessers.start(length.plusSeconds(5));
      LoadE2E.Stats flooded;
      try {
        flooded = LoadE2E.closedLoop(http, uri, bodies, next, length);
      } finally {
        guessers.await();
      }
      double seconds = length.toNanos() / 1e9;
      double aloneRate = alone.ok() / seconds;
      double floodedRate = flooded.ok() / seconds;
      double ratio = floodedRate / aloneRate;
      E2e.figures(
          "guessing",
          E2e.map(
              "seconds",
              Math.round(seconds),
              "ingestAlonePerSec",
              Math.round(aloneRate),
              "ingestWithGuessersPerSec",
              Math.round(floodedRate),
              "ratio",
              String.format("%.2f", ratio),
              "guesses",
              guessers.total(),
              "throttled429",
              guessers.throttled.get(),
              "wrong401",
              guessers.wrong.get(),
              "succeeded",
              guessers.succeeded.get(),
              "other",
              guessers.other.get(),
              "ingestErrors",
              alone.errors() + flooded.errors(),
              "p99MsAlone",
              String.format("%.1f", alone.p99Ms()),
              "p99MsWithGuessers",
              String.format("%.1f", flooded.p99Ms())));
      assertThat(guessers.succeeded.get()).as("guesses that got in").isZero();
      assertThat(guessers.other.get()).as("answers other than 401 and 429").isZero();
      assertThat(guessers.throttled.get()).isPositive();
      assertThat(flooded.errors()).isZero();
      assertThat(ratio).as("ingest with guessers / alone").isGreaterThanOrEqualTo(0.8);
    } finally {
      server.stop();
    }
  }

  /** Fifty threads guessing the maintainers' passwords with HTTP basic, each at a steady pace. */
  static final class Guessers {
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong wrong = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong other = new AtomicLong();
    private final String base;
    private final ExecutorService pool = Executors.newFixedThreadPool(GUESSERS);
    private final List<Future<?>> running = new ArrayList<>();

    Guessers(String base) {
      this.base = base;
    }

    long total() {
      return throttled.get() + wrong.get() + succeeded.get() + other.get();
    }

    void start(Duration length) {
      long deadline = System.nanoTime() + length.toNanos();
      String[] paths = {"/actuator/prometheus", "/api/v1/admin/projects"};
      for (int g = 0; g < GUESSERS; g++) {
        int guesser = g;
        running.add(
            pool.submit(
                () -> {
                  HttpClient http =
                      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                  long pause = 1_000_000_000L / GUESSES_PER_SECOND_EACH;
                  long at = System.nanoTime();
                  int n = 0;
                  while (System.nanoTime() < deadline) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    String account = r.nextInt(4) == 0 ? "admin" : "user" + r.nextInt(1000);
                    String password = "guess-" + guesser + "-" + n++;
                    try {
                      HttpResponse<Void> answer =
                          http.send(
                              HttpRequest.newBuilder(URI.create(base + paths[n % 2]))
                                  .timeout(Duration.ofSeconds(30))
                                  .header(
                                      "Authorization",
                                      "Basic "
                                          + Base64.getEncoder()
                                              .encodeToString(
                                                  (account + ":" + password)
                                                      .getBytes(StandardCharsets.UTF_8)))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding());
                      switch (answer.statusCode()) {
                        case 429 -> throttled.incrementAndGet();
                        case 401 -> wrong.incrementAndGet();
                        case 200 -> succeeded.incrementAndGet();
                        default -> other.incrementAndGet();
                      }
                    } catch (java.io.IOException e) {
                      other.incrementAndGet();
                    }
                    at += pause;
                    long sleep = at - System.nanoTime();
                    if (sleep > 0) {
                      TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                  }
                  return null;
                }));
      }
    }

    void await() throws Exception {
      for (Future<?> f : running) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdownNow();
    }
  }
}
