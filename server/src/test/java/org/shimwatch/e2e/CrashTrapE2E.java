package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 2: a client that crashes after some socket calls. A small C program (compiled here with
 * gcc) polls and selects on a socket pair, then writes through a null pointer; it runs under {@code
 * shimwatch run} at consent level 3. Its trap, with the calls before it, reaches the server and
 * lands in a trap group; a second crash at the same spot joins that group instead of making
 * another.
 */
@Order(2)
class CrashTrapE2E {

  static final String CLIENT =
      """
      #include <poll.h>
      #include <stdio.h>
      #include <sys/select.h>
      #include <sys/socket.h>
      #include <unistd.h>

      /* Kept out of line so that the fault is always at the same offset of this function. */
      __attribute__((noinline)) static void crash(volatile int *where) { *where = 42; }

      int main(void) {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return 3;
        for (int i = 0; i < 5; i++) {
          if (write(sv[0], "x", 1) != 1) return 4;
          struct pollfd p = {.fd = sv[1], .events = POLLIN};
          if (poll(&p, 1, 1000) != 1) return 5;
          char c;
          if (read(sv[1], &c, 1) != 1) return 6;
          fd_set r;
          FD_ZERO(&r);
          FD_SET(sv[1], &r);
          struct timeval tv = {0, 1000};
          select(sv[1] + 1, &r, NULL, NULL, &tv);
        }
        fflush(stdout);
        crash((volatile int *)0);
        return 0;
      }
      """;

  @Test
  void aCrashReachesATrapGroupAndASecondJoinsIt() throws Exception {
    E2e.requireTools("gcc");
    ServerProcess server = ServerProcess.shared();
    Path work = E2e.newDir("crash");
    buildCrasher(work);

    Map<Long, Long> before = groupReports(server);
    ProbeHome probe = new ProbeHome("crash", server.base());
    probe.consent(3);

    String first = crashOnce(probe, work, 1);
    JsonNode sentDoc = sentReport(probe, first);
    JsonNode trap = sentDoc.path("traps").path(0);
    List<String> calls = new ArrayList<>();
    trap.path("recentCalls").forEach(c -> calls.add(c.path("call").asText(c.toString())));
    assertThat(calls).as("recent calls in %s", trap).isNotEmpty();
    assertThat(String.join(",", calls)).contains("poll").contains("select");

    Map<Long, Long> afterOne = awaitGroupChange(server, before);
    List<Long> grown = grown(before, afterOne);
    assertThat(grown).as("groups with a new report: %s -> %s", before, afterOne).hasSize(1);
    long group = grown.get(0);

    String second = crashOnce(probe, work, 2);
    Map<Long, Long> afterTwo = awaitGroupChange(server, afterOne);
    assertThat(grown(afterOne, afterTwo)).containsExactly(group);
    assertThat(afterTwo.keySet()).as("no new group").isEqualTo(afterOne.keySet());

    JsonNode detail = server.adminJson("/api/v1/admin/projects/default/trap-groups/" + group);
    List<String> examples = new ArrayList<>();
    detail.path("examples").forEach(e -> examples.add(e.path("reportId").asText()));
    assertThat(examples).contains(first, second);
    JsonNode g = detail.path("group");
    E2e.figures(
        "crash",
        E2e.map(
            "group",
            group,
            "signature",
            g.path("signature").asText(),
            "reports",
            g.path("reports").asLong(),
            "traps",
            g.path("traps").asLong(),
            "recentCalls",
            calls.size()));
  }

  /** Compiles the crashing client into {@code work/crasher}. */
  static void buildCrasher(Path work) throws Exception {
    Files.writeString(work.resolve("crasher.c"), CLIENT);
    E2e.Result cc =
        E2e.run(
            List.of("gcc", "-O1", "-g", "-o", "crasher", "crasher.c"),
            Map.of(),
            work,
            Duration.ofSeconds(60));
    assertThat(cc.exit()).as("gcc: %s", cc.output()).isZero();
  }

  static String crashOnce(ProbeHome probe, Path work, int n) throws Exception {
    List<String> before = probe.sentIds();
    E2e.Result r =
        probe.cli(
            Map.of("SHIMWATCH_TRAPS", "1"),
            "run",
            "--outcome",
            "traps",
            "--comment",
            "crash "
                + n
                + " in "
                + E2e.PLANTED_HOME
                + "src while talking to "
                + E2e.PLANTED_IPS.get(1),
            "--",
            work.resolve("crasher").toString());
    assertThat(r.exit()).as("the client's own status, SIGSEGV: %s", r.output()).isEqualTo(128 + 11);
    List<String> after = new ArrayList<>(probe.sentIds());
    after.removeAll(before);
    assertThat(after).as("one more sent report: %s", r.output()).hasSize(1);
    return after.get(0);
  }

  private static JsonNode sentReport(ProbeHome probe, String id) throws Exception {
    try (var files = Files.list(probe.state().resolve("sent"))) {
      Path f =
          files
              .filter(p -> p.getFileName().toString().endsWith("-" + id + ".json"))
              .findFirst()
              .orElseThrow();
      return ReportJson.mapper().readTree(Files.readString(f));
    }
  }

  /** Trap group id to its report count. */
  static Map<Long, Long> groupReports(ServerProcess server) throws Exception {
    Map<Long, Long> out = new HashMap<>();
    for (JsonNode g : server.adminJson("/api/v1/admin/projects/default/trap-groups")) {
      out.put(g.path("id").asLong(), g.path("reports").asLong());
    }
    return out;
  }

  static Map<Long, Long> awaitGroupChange(ServerProcess server, Map<Long, Long> before)
      throws Exception {
    Map<Long, Long> now = groupReports(server);
    for (int i = 0; i < 50 && now.equals(before); i++) {
      ServerProcess.sleep(200);
      now = groupReports(server);
    }
    return now;
  }

  static List<Long> grown(Map<Long, Long> before, Map<Long, Long> after) {
    List<Long> out = new ArrayList<>();
    after.forEach(
        (id, n) -> {
          if (n > before.getOrDefault(id, 0L)) {
            out.add(id);
          }
        });
    return out;
  }
}
