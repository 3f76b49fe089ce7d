package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.check.CheckData;

/**
 * "Will it work on my setup?" through the real jar and the real {@code shimwatch} launcher: an OS/2
 * user's syslevel output and CONFIG.SYS line, read by the launcher at consent level 0 and answered
 * from the server's matrix; the database is exactly as before and the probe's state folder stays
 * empty.
 */
@Order(7)
class CheckE2E {

  @Test
  void theLauncherAsksTheServerAndNothingIsStoredOnEitherSide() throws Exception {
    ServerProcess server = ServerProcess.h2("check");
    try {
      server.start();
      String project = CheckData.project(server.base(), ServerProcess.adminAuth(), "check-e2e");
      server.stop();
      Map<String, String> before = BadInputE2E.snapshot(server);
      server.start();

      ProbeHome probe = new ProbeHome("check", server.base());
      Path pasted = probe.dir().resolve("syslevel-and-config.txt");
      Files.writeString(pasted, CheckData.resource("synthetic-pasted-mix.txt"));
      long t0 = System.nanoTime();
      E2e.Result r =
          probe.cli(
              Map.of("DO_NOT_TRACK", "1"),
              "check",
              "--project",
              project,
              "--artefact",
              pasted.toString(),
              "--platform",
              "eComStation 1.1",
              "--yes");
      long took = (System.nanoTime() - t0) / 1_000_000;

      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output())
          .contains("this is exactly what will be sent")
          .contains("Your setup: eComStation 1.1, os2-tcpip 4.3, fix level UN02200, no NEWSTACK")
          .contains("Your row: broken, 0 of 6 succeeded")
          .contains("Nearest rows with data:")
          .contains("Missing fix that goes with success most: newstack:NEWSTACK")
          .contains("Install layout: the shim would not load")
          .contains("Nothing was stored")
          .doesNotContain(E2e.PLANTED_USER);
      try (Stream<Path> s = Files.walk(probe.dir().resolve("state"))) {
        assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
      } catch (java.nio.file.NoSuchFileException e) {
        // No state folder at all: nothing kept.
      }
      server.stop();
      assertThat(BadInputE2E.snapshot(server)).isEqualTo(before);
      E2e.figures("check", E2e.map("launcher to answer, ms", took));
    } finally {
      server.stop();
    }
  }
}
