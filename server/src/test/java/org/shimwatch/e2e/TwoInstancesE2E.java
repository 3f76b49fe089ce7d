package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario 7: two server instances on different ports share one real PostgreSQL schema. Probes are
 * spread across both; the same reports are also posted to both at once. Afterwards no report id has
 * two rows, none is missing, and the public matrix reads the same from either instance.
 */
@Order(7)
class TwoInstancesE2E {

  @Test
  void twoInstancesOnOneDatabaseStoreEachReportOnceAndAgree() throws Exception {
    E2e.requirePostgres();
    int probeCount = E2e.scale(6, 20);
    int perProbe = E2e.scale(15, 100);
    int raced = E2e.scale(40, 500);
    String schema = E2e.newSchema("two");
    // Logging as JSON lines, as an operator feeding a log pipeline would: the privacy audit reads
    // these logs too, and checks that every line is a structured record.
    ServerProcess a = ServerProcess.postgres("pg-a", schema, ServerProcess.STRUCTURED_LOGS);
    ServerProcess b = ServerProcess.postgres("pg-b", schema, ServerProcess.STRUCTURED_LOGS);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      // One after the other: the first creates the schema and the maintainer, the second finds
      // them.
      a.start();
      b.start();
      ServerProcess[] servers = {a, b};

      List<ProbeHome> probes = new ArrayList<>();
      Set<String> expected = new HashSet<>();
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < probeCount; i++) {
        ProbeHome p = new ProbeHome("two-" + i, servers[i % 2].base());
        probes.add(p);
        work.add(
            pool.submit(
                () -> {
                  p.consent(2);
                  List<UUID> ids =
                      p.queue(
                          perProbe,
                          "linux-aria2c-works",
                          "two instances, seen from " + E2e.PLANTED_IPS.get(0));
                  synchronized (expected) {
                    ids.forEach(id -> expected.add(id.toString()));
                  }
                  for (int k = 0; k < 5 && p.outboxSize() > 0; k++) {
                    p.cli("submit", "--pending");
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get(E2e.FULL ? 15 : 5, TimeUnit.MINUTES);
      }
      int waiting = 0;
      for (ProbeHome p : probes) {
        waiting += p.outboxSize();
      }

      // The same report to both instances at the same moment.
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger duplicateAnswers = new AtomicInteger();
      AtomicInteger other = new AtomicInteger();
      List<Future<?>> races = new ArrayList<>();
      for (int i = 0; i < raced; i++) {
        ObjectNode r =
            (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text("linux-aria2c-works"));
        String id = UUID.randomUUID().toString();
        r.put("reportId", id);
        r.put("installationId", UUID.randomUUID().toString());
        expected.add(id);
        String body = r.toString();
        String secret = "e2e-race-secret-" + UUID.randomUUID();
        for (ServerProcess s : servers) {
          races.add(
              pool.submit(
                  () -> {
                    HttpResponse<String> resp =
                        s.postReport(body, secret, "X-Forwarded-For", E2e.PLANTED_IPS.get(1));
                    switch (resp.statusCode()) {
                      case 202 -> accepted.incrementAndGet();
                      case 200 -> duplicateAnswers.incrementAndGet();
                      default -> other.incrementAndGet();
                    }
                    return null;
                  }));
        }
      }
      for (Future<?> f : races) {
        f.get(2, TimeUnit.MINUTES);
      }

      E2e.Tally tally;
      try (Connection c = E2e.postgres(schema); ) {
        tally = E2e.tally(c, expected);
      }
      int stored = tally.stored();
      int duplicates = tally.duplicates();
      int lost = tally.lost();

      // The matrix, public and maintainer's, from either instance.
      String publicA = null;
      String publicB = null;
      String adminA = null;
      String adminB = null;
      for (int i = 0; i < 50; i++) {
        publicA = a.get("/api/v1/projects/default/matrix", false).body();
        publicB = b.get("/api/v1/projects/default/matrix", false).body();
        adminA = a.get("/api/v1/admin/projects/default/matrix", true).body();
        adminB = b.get("/api/v1/admin/projects/default/matrix", true).body();
        if (publicA.equals(publicB) && adminA.equals(adminB)) {
          break;
        }
        ServerProcess.sleep(200);
      }
      int cells = ReportJson.mapper().readTree(publicA).path("cells").size();
      E2e.figures(
          "two-instances",
          E2e.map(
              "probes",
              probeCount,
              "sent",
              expected.size(),
              "stored",
              stored,
              "duplicates",
              duplicates,
              "lost",
              lost,
              "raced",
              raced,
              "race202",
              accepted.get(),
              "race200",
              duplicateAnswers.get(),
              "raceOther",
              other.get(),
              "publicCells",
              cells,
              "matrixIdentical",
              publicA.equals(publicB) && adminA.equals(adminB)));
      assertThat(waiting).as("reports still waiting in probes").isZero();
      assertThat(other.get()).isZero();
      assertThat(accepted.get()).as("one 202 per raced report").isEqualTo(raced);
      assertThat(duplicateAnswers.get()).isEqualTo(raced);
      assertThat(duplicates).isZero();
      assertThat(lost).isZero();
      assertThat(cells).as("the public matrix shows the probes' cell").isPositive();
      assertThat(publicB).isEqualTo(publicA);
      assertThat(adminB).isEqualTo(adminA);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      a.stop();
      b.stop();
    }
  }
}
