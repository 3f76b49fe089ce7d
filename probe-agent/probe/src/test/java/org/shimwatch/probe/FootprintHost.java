package org.shimwatch.probe;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.shimwatch.report.Outcome;

/**
 * Host JVM of {@link FootprintBenchmark}: prints the heap in use after a full GC. Modes: {@code
 * bare} (nothing else; the baseline), {@code agent} (run with -javaagent: the agent started and
 * idle), {@code report} (the embedded probe, the agent's code, after it assembled, queued and sent
 * one report).
 */
public final class FootprintHost {

  private FootprintHost() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Shimwatch probe = null;
    if (mode.equals("report")) {
      probe =
          Shimwatch.builder()
              .server(URI.create(args[1]))
              .ingestKey("swk_bench")
              .client("bench", "1")
              .start();
      probe.reportOutcome(Outcome.WORKS, null);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (probe.status().sent() == 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      if (probe.status().sent() == 0) {
        throw new IllegalStateException("the report was not sent");
      }
    } else {
      Thread.sleep(1500); // lets an agent finish starting
    }
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    System.out.println(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    if (probe != null) {
      probe.close();
    }
  }
}
