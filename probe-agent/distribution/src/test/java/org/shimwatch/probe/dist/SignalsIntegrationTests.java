package org.shimwatch.probe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.testing.MissingPart;
import tools.jackson.databind.JsonNode;

/**
 * {@code shimwatch run} (the archive's launcher, handling the run itself) while SIGTERM, SIGINT and
 * SIGHUP arrive at random moments: before the client has started, while it waits in a wrapped
 * select(), twice in a row, sent to the whole process group, and after the client has ended while
 * the launcher hands the run over. For every run: the signal reached the client (which logs it),
 * the launcher exited with the client's own status (128+n when the signal ended it), the report
 * arrived, with no trap, and nothing was left in the state folder's runs/. The moments come from a
 * seed printed first ({@code -Dsignals.seed=N} repeats a sequence); {@code -De2e.full=true} adds
 * runs of one to ten minutes.
 */
class SignalsIntegrationTests {

  private static final Duration REPORT_WAIT = Duration.ofSeconds(120);
  private static final boolean FULL = Boolean.getBoolean("e2e.full");
  private static final String[] SIGNALS = {"TERM", "INT", "HUP"};
  private static final Map<String, Integer> NUMBER = Map.of("TERM", 15, "INT", 2, "HUP", 1);

  @TempDir Path tmp;

  private Path shimwatch;
  private Random random;
  private long seed;

  @BeforeEach
  void unpack() throws Exception {
    shimwatch = Distribution.unpack(tmp.resolve("opt")).resolve("bin/shimwatch");
    seed = Long.getLong("signals.seed", System.nanoTime());
    random = new Random(seed);
    System.out.println("SignalsIntegrationTests: seed " + seed + " (-Dsignals.seed=" + seed + ")");
  }

  @AfterEach
  void finishersDone() throws InterruptedException {
    Distribution.awaitFinishers(tmp.resolve("state"));
  }

  /** How a run is signalled. */
  enum Moment {
    /** as soon as the launcher has started, usually before the client has */
    EARLY,
    /** while the client runs, to the launcher alone */
    RUNNING,
    /** while the client runs, twice in quick succession */
    TWICE,
    /** while the client runs, to the launcher's whole process group (client included) */
    GROUP,
    /** after the client has ended by itself, while the launcher hands the run over */
    AFTER
  }

  /** One run: what was done, and what came of it. */
  record Run(
      int number,
      String signal,
      Moment moment,
      boolean handles,
      double seconds,
      int status,
      String output) {

    /** The client's exit status as its own log says it; -1 when it logged no end (killed). */
    int clientStatus() {
      if (output.contains("client exiting 0")) {
        return 0;
      }
      for (String s : SIGNALS) {
        if (output.contains("client got " + NUMBER.get(s))) {
          return 40 + NUMBER.get(s);
        }
      }
      return -1;
    }

    @Override
    public String toString() {
      return "run "
          + number
          + " (SIG"
          + signal
          + " "
          + moment
          + (handles ? ", handled" : ", default action")
          + String.format(", %.1f s", seconds)
          + "): status "
          + status
          + ", output:\n"
          + output;
    }
  }

  @Test
  void signalsAtRandomMomentsReachTheClientAndNoRunIsLost() throws Exception {
    String python = Shell.python3();
    if (python == null) {
      MissingPart.skipOrFail("needs python3 (Debian package python3)");
      return;
    }
    Path client = writeClient();
    int runs = 14;
    List<Run> done = new ArrayList<>();
    int reports;
    long t0 = System.nanoTime();
    try (Receiver receiver = new Receiver()) {
      Map<String, String> env = consented(receiver);
      for (int i = 0; i < runs + (FULL ? 2 : 0); i++) {
        Moment moment = Moment.values()[i % Moment.values().length];
        String signal = SIGNALS[random.nextInt(SIGNALS.length)];
        boolean handles = random.nextBoolean();
        // 1 to 10 s; under e2e.full the last two run 1 to 10 minutes.
        double seconds = i >= runs ? 60 + random.nextDouble() * 540 : 1 + random.nextDouble() * 9;
        List<String> command =
            List.of(
                python,
                client.toString(),
                handles ? "handle" : "default",
                String.format("%.3f", seconds));
        done.add(run(env, i, signal, moment, handles, seconds, command, false));
      }
      reports = checkEveryRun(done, receiver, List.of());
    }
    System.out.printf(
        "SignalsIntegrationTests: %d runs of a python3 select() client in %.0f s, seed %d: every"
            + " signal reached the client, every status was the client's, %d reports (one for each"
            + " run that got as far as starting the client), no trap, nothing left in runs/%n",
        done.size(), (System.nanoTime() - t0) / 1e9, seed, reports);
  }

  @Test
  void aSeedingAria2cSignalledAtRandomMomentsIsReportedWithoutATrap() throws Exception {
    if (!Swarm.available()) {
      return;
    }
    List<Run> done = new ArrayList<>();
    long t0 = System.nanoTime();
    try (Receiver receiver = new Receiver();
        Swarm swarm = Swarm.start(tmp.resolve("swarm"), 1 << 20)) {
      Map<String, String> env = consented(receiver);
      int runs = FULL ? 5 : 3;
      for (int i = 0; i < runs; i++) {
        String signal = SIGNALS[i % SIGNALS.length];
        Moment moment = i == 3 ? Moment.GROUP : Moment.RUNNING;
        // Seeding until signalled: 1 to 10 s, and under e2e.full once 1 to 10 minutes.
        double seconds = i == 4 ? 60 + random.nextDouble() * 540 : 1 + random.nextDouble() * 9;
        done.add(run(env, i, signal, moment, true, seconds, swarm.seeder(), true));
      }
      checkEveryRun(done, receiver, List.of("poll", "epoll_wait", "select"));
    }
    System.out.printf(
        "SignalsIntegrationTests: %d runs of a seeding aria2c in %.0f s, seed %d: each logged its"
            + " shutdown, exited 0 through the launcher, was reported with its calls and no trap%n",
        done.size(), (System.nanoTime() - t0) / 1e9, seed);
  }

  /**
   * Starts one run and signals it. A python client prints "client started" once its handlers are in
   * place; the moment is counted from then. aria2c is signalled {@code seconds} after launch.
   */
  private Run run(
      Map<String, String> env,
      int number,
      String signal,
      Moment moment,
      boolean handles,
      double seconds,
      List<String> client,
      boolean aria2c)
      throws Exception {
    // As from a user's shell: a JVM started in the background of a script (a build run with &)
    // passes SIGINT and SIGQUIT on ignored, and a shell script cannot catch a signal it was started
    // with ignored.
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,QUIT,HUP,TERM"));
    if (moment == Moment.GROUP) {
      // A process group of its own, so that the group signal reaches this run alone.
      command.add("setsid");
    }
    command.addAll(
        List.of(shimwatch.toString(), "run", "--outcome", "works", "--comment", "run " + number));
    command.add("--");
    command.addAll(client);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process launcher = pb.start();
    StringBuilder output = new StringBuilder();
    CountDownLatch started = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  if (line.contains("client started")) {
                    started.countDown();
                  }
                }
              } catch (IOException e) {
                // The launcher has gone.
              }
            });
    reader.start();
    String pid = Long.toString(launcher.pid());
    switch (moment) {
      case EARLY -> Thread.sleep(random.nextInt(40));
      case AFTER -> {
        started.await(30, TimeUnit.SECONDS);
        // Just after the client's own end, while the launcher writes the record and starts the
        // finisher.
        Thread.sleep((long) (seconds * 1000) + random.nextInt(150));
      }
      default -> {
        if (aria2c) {
          Thread.sleep((long) (seconds * 1000));
        } else {
          assertThat(started.await(30, TimeUnit.SECONDS)).as("the client started").isTrue();
          // Well inside the client's run, so that it is surely still running.
          Thread.sleep((long) (random.nextDouble() * Math.max(0, seconds - 0.6) * 1000));
        }
      }
    }
    String target = moment == Moment.GROUP ? "-" + pid : pid;
    kill(signal, target);
    if (moment == Moment.TWICE) {
      Thread.sleep(random.nextInt(20));
      kill(signal, target);
    }
    boolean ended = launcher.waitFor((long) seconds + 60, TimeUnit.SECONDS);
    if (!ended) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
    reader.join(10_000);
    String out;
    synchronized (output) {
      out = output.toString();
    }
    assertThat(ended).as("the launcher ended; " + out).isTrue();
    return new Run(number, signal, moment, handles, seconds, launcher.exitValue(), out);
  }

  private static void kill(String signal, String target) throws Exception {
    Process k = new ProcessBuilder("kill", "-s", signal, "--", target).start();
    k.waitFor(10, TimeUnit.SECONDS);
  }

  /** Checks every run and its report; returns how many reports arrived. */
  private int checkEveryRun(List<Run> done, Receiver receiver, List<String> callKinds)
      throws Exception {
    for (Run r : done) {
      int n = NUMBER.get(r.signal());
      boolean aria2c = !callKinds.isEmpty();
      if (aria2c) {
        // aria2c logs the signal and shuts down cleanly, with status 0.
        assertThat(r.output()).as(r.toString()).containsIgnoringCase("shutdown sequence");
        assertThat(r.status()).as(r.toString()).isZero();
        continue;
      }
      int own = r.clientStatus();
      switch (r.moment()) {
        case RUNNING, TWICE, GROUP -> {
          // It reached the client: its handler logged it, or its default action ended it.
          int expected = r.handles() ? 40 + n : 128 + n;
          assertThat(r.status()).as(r.toString()).isEqualTo(expected);
          if (r.handles()) {
            assertThat(r.output()).as(r.toString()).contains("client got " + n);
          }
        }
        case AFTER ->
            // Ended by itself (0), or the signal caught it on its way out: its own status either
            // way, never the launcher's.
            assertThat(r.status())
                .as(r.toString())
                .isEqualTo(own >= 0 ? own : 128 + n)
                .isIn(0, 40 + n, 128 + n);
        case EARLY -> {
          // Before the client started, the launcher passes it on once the client has; before the
          // launcher had set anything up, it ended it (no run, no files).
          if (own >= 0) {
            assertThat(r.status()).as(r.toString()).isEqualTo(own);
          } else if (r.signal().equals("INT") && r.output().contains("KeyboardInterrupt")) {
            // Python's own answer to a SIGINT during its start-up, before the script's handlers:
            // a traceback and status 1 (its status, passed on).
            assertThat(r.status()).as(r.toString()).isEqualTo(1);
          } else {
            assertThat(r.status()).as(r.toString()).isEqualTo(128 + n);
          }
        }
      }
    }
    // Every run that started a client was reported: by the finisher it started, or, had the
    // launcher been killed, by the next command.
    List<Run> reported =
        done.stream().filter(r -> r.output().contains("in the background")).toList();
    for (Run r : done) {
      if (r.output().contains("client started") || !callKinds.isEmpty()) {
        assertThat(reported).as("the launcher handed the run over: " + r).contains(r);
      }
    }
    Distribution.awaitFinishers(tmp.resolve("state"));
    List<JsonNode> reports = receiver.awaitReports(reported.size(), REPORT_WAIT);
    assertThat(reports).as(log()).hasSize(reported.size());
    for (JsonNode report : reports) {
      assertThat(ReportValidator.instance().validate(report)).isEmpty();
      assertThat(report.path("traps").size()).as("no trap: " + report).isZero();
      if (!callKinds.isEmpty()) {
        long calls = 0;
        for (String kind : callKinds) {
          calls += report.at("/metrics/calls/" + kind + "/count").asLong();
        }
        assertThat(calls).as("the client's calls: " + report).isPositive();
      }
    }
    assertThat(reports)
        .extracting(r -> r.path("comment").asString())
        .containsExactlyInAnyOrderElementsOf(
            reported.stream().map(r -> "run " + r.number()).toList());
    try (Stream<Path> left = Files.list(tmp.resolve("state/runs"))) {
      assertThat(left.toList()).as("nothing left in runs/").isEmpty();
    }
    return reports.size();
  }

  private Path writeClient() throws IOException {
    Path script = Files.createDirectories(tmp.resolve("client")).resolve("signalled_client.py");
    Files.writeString(
        script,
        String.join(
            "\n",
            "import os, select, signal, socket, sys, time",
            "mode, seconds = sys.argv[1], float(sys.argv[2])",
            "def handler(n, frame):",
            "    os.write(2, b'client got %d\\n' % n)",
            "    os._exit(40 + n)",
            "for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):",
            "    signal.signal(s, handler if mode == 'handle' else signal.SIG_DFL)",
            "os.write(2, b'client started\\n')",
            "a, b = socket.socketpair()",
            "end = time.monotonic() + seconds",
            "while time.monotonic() < end:",
            "    select.select([b], [], [], 0.05)",
            "os.write(2, b'client exiting 0\\n')",
            "os._exit(0)",
            ""));
    return script;
  }

  private Map<String, String> consented(Receiver receiver) throws Exception {
    Map<String, String> env = Distribution.userEnvironment(tmp);
    env.put("SHIMWATCH_SERVER", receiver.base().toString());
    env.put("SHIMWATCH_KEY", "swk_testkey0123456789");
    Shell.Result consent = Shell.run(env, shimwatch.toString(), "consent", "--level", "3");
    assertThat(consent.status()).as(consent.err()).isZero();
    return env;
  }

  private String log() {
    try {
      Path log = tmp.resolve("state/finish.log");
      return Files.exists(log) ? "finish.log:\n" + Files.readString(log) : "(no finish.log)";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
