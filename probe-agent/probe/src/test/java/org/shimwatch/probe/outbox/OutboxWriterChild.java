package org.shimwatch.probe.outbox;

import java.nio.file.Path;
import java.time.Clock;
import org.shimwatch.probe.SampleReports;
import org.shimwatch.probe.StateDirectory;

/**
 * Child process of the crash-safety test: queues reports as fast as it can until it is killed.
 * Prints "ready" once the first one is written, so the parent kills it while it is writing.
 */
public final class OutboxWriterChild {

  private OutboxWriterChild() {}

  public static void main(String[] args) throws Exception {
    FileReportQueue q =
        new FileReportQueue(
            new StateDirectory(Path.of(args[0])), OutboxLimits.defaults(), Clock.systemUTC());
    boolean first = true;
    while (true) {
      q.enqueue(SampleReports.aria2c());
      if (first) {
        System.out.println("ready");
        System.out.flush();
        first = false;
      }
    }
  }
}
