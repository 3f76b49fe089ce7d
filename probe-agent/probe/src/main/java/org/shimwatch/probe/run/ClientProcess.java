package org.shimwatch.probe.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs the user's client as a child process that shares this process's stdin, stdout and stderr,
 * and returns its exit status unchanged (128 + the signal number when a signal ended it, as shells
 * report it). While it runs, Ctrl-C is left to the client (the terminal sends it to both; the probe
 * waits for the client to finish and still files its report), and a SIGTERM sent to the probe is
 * passed on to the client.
 */
public final class ClientProcess {

  private ClientProcess() {}

  /**
   * How a run ended.
   *
   * @param exitStatus the client's exit status
   * @param wallTime how long it ran
   */
  public record Ended(int exitStatus, Duration wallTime) {}

  /**
   * Runs {@code command} with {@code environment} changes applied to this process's environment.
   *
   * @param set variables to set
   * @param unset variables to remove
   * @throws IOException when the command cannot be started (not found, not executable)
   */
  public static Ended run(List<String> command, Map<String, String> set, List<String> unset)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    unset.forEach(pb.environment()::remove);
    pb.environment().putAll(set);
    long start = System.nanoTime();
    Process p = pb.start();
    SignalHandler previousInt = handle("INT", s -> {});
    SignalHandler previousTerm = handle("TERM", s -> p.destroy());
    try {
      int status = p.waitFor();
      return new Ended(status, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      restore("INT", previousInt);
      restore("TERM", previousTerm);
    }
  }

  private static SignalHandler handle(String name, SignalHandler h) {
    try {
      return Signal.handle(new Signal(name), h);
    } catch (IllegalArgumentException e) {
      // The JVM reserves this signal (e.g. with -Xrs): keep its default handling.
      return null;
    }
  }

  private static void restore(String name, SignalHandler previous) {
    if (previous != null) {
      try {
        Signal.handle(new Signal(name), previous);
      } catch (IllegalArgumentException e) {
        // Nothing to restore.
      }
    }
  }
}
