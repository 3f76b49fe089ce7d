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
 * report it). While it runs, SIGTERM, SIGINT and SIGHUP sent to the probe are passed on to the
 * client, except SIGINT and SIGHUP while the probe is in its terminal's foreground process group:
 * those came from the terminal (Ctrl-C, the terminal closing), which sends them to the client
 * itself. The probe outlives them all, waits for the client and still files its report.
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
    // The handlers are in place before the client starts: a signal that comes meanwhile waits
    // for it instead of ending this JVM and leaving the client behind.
    java.util.concurrent.atomic.AtomicReference<Process> client =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.Queue<String> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    SignalHandler previousInt = handle("INT", s -> passOn("INT", client, pending));
    SignalHandler previousHup = handle("HUP", s -> passOn("HUP", client, pending));
    SignalHandler previousTerm = handle("TERM", s -> passOn("TERM", client, pending));
    try {
      long start = System.nanoTime();
      Process p = pb.start();
      client.set(p);
      drain(p, pending);
      int status = p.waitFor();
      return new Ended(status, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      restore("INT", previousInt);
      restore("HUP", previousHup);
      restore("TERM", previousTerm);
    }
  }

  /** Queues a signal and passes on what waits, if the client has started. */
  private static void passOn(
      String signal,
      java.util.concurrent.atomic.AtomicReference<Process> client,
      java.util.Queue<String> pending) {
    pending.add(signal);
    Process p = client.get();
    if (p != null) {
      drain(p, pending);
    }
  }

  /** Each signal is taken from the queue once, by whichever thread gets to it. */
  private static void drain(Process client, java.util.Queue<String> pending) {
    for (String signal; (signal = pending.poll()) != null; ) {
      forward(client, signal);
    }
  }

  private static void forward(Process client, String signal) {
    if (!client.isAlive() || (!signal.equals("TERM") && fromTerminal())) {
      return;
    }
    if (signal.equals("TERM")) {
      client.destroy();
      return;
    }
    try {
      new ProcessBuilder("kill", "-s", signal, Long.toString(client.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      // No kill(1): the client does not get it, as before.
    }
  }

  /**
   * Whether this process is in its controlling terminal's foreground process group (fields 5, 7 and
   * 8 of /proc/self/stat: process group, terminal, the terminal's foreground group).
   */
  static boolean fromTerminal() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
      return !f[4].equals("0") && f[2].equals(f[5]);
    } catch (IOException | RuntimeException e) {
      return false;
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
