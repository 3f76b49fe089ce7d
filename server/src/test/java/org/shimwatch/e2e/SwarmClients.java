package org.shimwatch.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.shimwatch.strace.StraceTally;
import org.shimwatch.strace.StraceTally.Family;
import org.shimwatch.testing.MissingPart;

/**
 * The BitTorrent clients of the swarm scenario, each set up and run the way its users run it, and
 * what it takes to count their calls from outside: strace around {@code shimwatch run}.
 */
final class SwarmClients {

  private SwarmClients() {}

  /** The loopback swarm every leecher joins: an announce URL and a torrent of a known file. */
  record Swarm(Path work, Path torrent, String payloadSha256) {}

  /** One client as a leecher: where it saves the file, and how it is started. */
  enum Leecher {
    /**
     * aria2c, as in the scenario from the start: {@code --seed-time=0} makes it exit once the file
     * is complete; {@code --event-poll=poll} picks its poll() loop (its default is epoll).
     */
    ARIA2C("aria2c", List.of("aria2c", "--version"), Family.POLL, false) {
      @Override
      List<String> command(Swarm swarm, Path dir, int port) {
        List<String> c = new ArrayList<>(List.of("aria2c"));
        c.addAll(ARIA2C_COMMON);
        c.addAll(
            List.of(
                "--event-poll=poll",
                "--dir=" + dir,
                "--listen-port=" + port,
                "--seed-time=0",
                swarm.torrent().toString()));
        return c;
      }
    },

    /**
     * transmission-cli 3.00 keeps seeding until its user presses Ctrl-C. Its {@code -f} script, run
     * when the torrent completes, sends the SIGINT that Ctrl-C would; transmission-cli then stops
     * the torrent and exits 0. DHT, LPD, PEX and uTP are off in its settings.json (only the tracker
     * names peers) and it listens on 127.0.0.1.
     */
    TRANSMISSION(
        "transmission-cli", List.of("transmission-cli", "--version"), Family.EPOLL, false) {
      @Override
      List<String> command(Swarm swarm, Path dir, int port) throws IOException {
        Path config = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-config"));
        Files.writeString(
            config.resolve("settings.json"),
            """
            {
              "dht-enabled": false,
              "lpd-enabled": false,
              "pex-enabled": false,
              "utp-enabled": false,
              "port-forwarding-enabled": false,
              "rpc-enabled": false,
              "bind-address-ipv4": "127.0.0.1",
              "bind-address-ipv6": "::1"
            }
            """);
        Path finish = config.resolve("finished.sh");
        Files.writeString(
            finish,
            """
            #!/bin/sh
            # transmission-cli runs this when the torrent is complete: Ctrl-C, as its user would.
            kill -INT "$PPID"
            """);
        Files.setPosixFilePermissions(finish, PosixFilePermissions.fromString("rwx------"));
        return List.of(
            "transmission-cli",
            "-g",
            config.toString(),
            "-w",
            dir.toString(),
            "-p",
            Integer.toString(port),
            "-f",
            finish.toString(),
            swarm.torrent().toString());
      }
    },

    /**
     * rtorrent 0.9.8 in its curses interface, as in a terminal: without one it stops at once
     * (epoll_ctl on a /dev/null stdin fails), so it runs on a pseudo-terminal made by {@code
     * script}. Its rtorrent.rc (loaded with -n -o import=, so no user's file is read) sets the
     * download and session folders, binds to 127.0.0.1 on one port, turns DHT, PEX and UDP trackers
     * off, and shuts it down normally (as Ctrl-Q would) when the download finishes.
     */
    RTORRENT("rtorrent", List.of("rtorrent", "-h"), Family.EPOLL, true) {
      @Override
      List<String> command(Swarm swarm, Path dir, int port) throws IOException {
        Path session = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-session"));
        Path rc = session.resolveSibling(dir.getFileName() + ".rc");
        Files.writeString(
            rc,
            String.join(
                "\n",
                "directory.default.set = " + dir,
                "session.path.set = " + session,
                "network.bind_address.set = 127.0.0.1",
                "network.local_address.set = 127.0.0.1",
                "network.port_range.set = " + port + "-" + port,
                "network.port_random.set = no",
                "dht.mode.set = disable",
                "protocol.pex.set = no",
                "trackers.use_udp.set = no",
                "method.set_key = event.download.finished, shimwatch_quit,"
                    + " \"system.shutdown.normal=\"",
                "log.open_file = \"main\", " + session.resolve("rtorrent.log"),
                "log.add_output = \"info\", \"main\"",
                ""));
        return List.of("rtorrent", "-n", "-o", "import=" + rc, swarm.torrent().toString());
      }
    };

    private final String executable;
    private final List<String> versionCommand;
    private final Family mainFamily;
    private final boolean needsTerminal;

    Leecher(
        String executable, List<String> versionCommand, Family mainFamily, boolean needsTerminal) {
      this.executable = executable;
      this.versionCommand = versionCommand;
      this.mainFamily = mainFamily;
      this.needsTerminal = needsTerminal;
    }

    String executable() {
      return executable;
    }

    /** The family of calls its event loop waits in, which must have been counted. */
    Family mainFamily() {
      return mainFamily;
    }

    boolean needsTerminal() {
      return needsTerminal;
    }

    /** The client's command line, downloading the swarm's torrent into {@code dir}. */
    abstract List<String> command(Swarm swarm, Path dir, int port) throws IOException;

    /** The first line the client prints about its own version. */
    String version(Path work) {
      E2e.Result r = E2e.run(versionCommand, Map.of(), work, Duration.ofSeconds(30));
      return r.output()
          .lines()
          .map(String::strip)
          .filter(l -> l.matches(".*\\d+\\.\\d+.*"))
          .findFirst()
          .orElse("(no version printed: " + r.output().strip() + ")");
    }
  }

  /** A torrent of one payload, announced to an opentracker on loopback that serves only it. */
  record TrackedTorrent(Path torrent, String sha256, int trackerPort) {}

  /**
   * Writes {@code payload} to {@code work/seed/payload.bin}, makes {@code work/NAME.torrent} of it
   * with mktorrent and starts opentracker on loopback with that torrent's info hash on its
   * whitelist (Debian's opentracker serves only whitelisted hashes). The tracker joins {@code
   * started}, for the caller to stop.
   */
  static TrackedTorrent trackedTorrent(
      Path work, String name, byte[] payload, List<Process> started) throws Exception {
    int trackerPort = E2e.freePort();
    java.nio.file.Files.createDirectories(work.resolve("seed"));
    Path file = work.resolve("seed/payload.bin");
    java.nio.file.Files.write(file, payload);
    Path torrent = work.resolve(name + ".torrent");
    E2e.Result mk =
        E2e.run(
            List.of(
                "mktorrent",
                "-a",
                "http://127.0.0.1:" + trackerPort + "/announce",
                "-o",
                torrent.toString(),
                file.toString()),
            Map.of(),
            work,
            Duration.ofSeconds(60));
    if (mk.exit() != 0) {
      throw new AssertionError("mktorrent failed: " + mk.output());
    }
    E2e.Result show =
        E2e.run(
            List.of("aria2c", "-S", torrent.toString()), Map.of(), work, Duration.ofSeconds(30));
    String hash =
        show.output()
            .lines()
            .filter(l -> l.startsWith("Info Hash:"))
            .map(l -> l.substring("Info Hash:".length()).strip())
            .filter(h -> h.matches("[0-9a-f]{40}"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no info hash: " + show.output()));
    java.nio.file.Files.writeString(work.resolve("whitelist"), hash + "\n");
    started.add(
        E2e.start(
            List.of(
                "opentracker",
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(trackerPort),
                "-P",
                Integer.toString(trackerPort),
                "-d",
                work.toString(),
                "-w",
                "whitelist"),
            Map.of(),
            work,
            work.resolve("opentracker.log")));
    SwarmE2E.awaitListening(trackerPort, work.resolve("opentracker.log"));
    return new TrackedTorrent(torrent, SwarmE2E.sha256(payload), trackerPort);
  }

  /** The aria2c arguments of a seeder of {@code torrent} from {@code work/seed}. */
  static List<String> seederArgs(Path work, int port, Path torrent) {
    return List.of(
        "--dir=" + work.resolve("seed"),
        "--listen-port=" + port,
        "--check-integrity=true",
        "--seed-ratio=0",
        torrent.toString());
  }

  /** aria2c's settings for a closed loopback swarm, for the seeder and the leecher alike. */
  static final List<String> ARIA2C_COMMON =
      List.of(
          "--enable-dht=false",
          "--enable-dht6=false",
          "--bt-enable-lpd=false",
          "--enable-peer-exchange=false",
          "--interface=127.0.0.1",
          "--disable-ipv6=true",
          "--bt-tracker-interval=2",
          "--summary-interval=0",
          "--console-log-level=warn");

  /**
   * Skips (or fails under CI=true) without the clients, the swarm's tools, strace, or a kernel that
   * lets strace trace.
   */
  static void require(Path work) {
    List<String> missing = new ArrayList<>();
    Map<String, String> packages = new LinkedHashMap<>();
    packages.put("aria2c", "aria2");
    packages.put("opentracker", "opentracker");
    packages.put("mktorrent", "mktorrent");
    packages.put("transmission-cli", "transmission-cli");
    packages.put("rtorrent", "rtorrent");
    packages.put("strace", "strace");
    packages.put("script", "bsdutils");
    packages.forEach(
        (tool, pkg) -> {
          if (E2e.which(tool) == null) {
            missing.add(tool + " (Debian package " + pkg + ")");
          }
        });
    if (!missing.isEmpty()) {
      MissingPart.skipOrFail(
          "the swarm scenario needs "
              + String.join(", ", missing)
              + "; .ci/test-deps.sh installs them");
    }
    E2e.Result probe =
        E2e.run(
            List.of("strace", "-f", "-qq", "-e", "trace=execve", "-o", "/dev/null", "true"),
            Map.of(),
            work,
            Duration.ofSeconds(30));
    if (probe.exit() != 0) {
      MissingPart.skipOrFail(
          "strace cannot trace processes here (ptrace not permitted?): " + probe.output().strip());
    }
  }

  /** The command that runs {@code shimwatch ARGS…} under strace, which writes {@code log}. */
  static List<String> traced(Path log, List<String> shimwatchArgs) {
    List<String> c = new ArrayList<>(StraceTally.command(log));
    c.add(E2e.launcher().toString());
    c.addAll(shimwatchArgs);
    return c;
  }

  /**
   * Runs {@code command} on a pseudo-terminal of 120 by 40 made by {@code script}, as in a terminal
   * window, to its end (or kills it after {@code limit}). The terminal's input stays open and
   * silent until then: at the end of its own input {@code script} would type an end-of-file
   * character into the terminal, which a curses program reads as Ctrl-D.
   */
  static E2e.Result runInTerminal(
      List<String> command, Map<String, String> env, Path dir, Path output, Duration limit) {
    String line = "stty rows 40 cols 120 && exec " + shellWords(command);
    ProcessBuilder pb =
        new ProcessBuilder("script", "-qefc", line, "/dev/null").directory(dir.toFile());
    pb.environment().remove("DO_NOT_TRACK");
    pb.environment().remove("SHIMWATCH_TELEMETRY");
    pb.environment().putAll(env);
    pb.environment().put("TERM", "xterm");
    pb.environment().put("SHELL", "/bin/sh");
    pb.redirectErrorStream(true);
    pb.redirectOutput(output.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start script for " + command, e);
    }
    try (OutputStream keptOpen = p.getOutputStream()) {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        E2e.destroyTree(p);
        throw new AssertionError(
            "took longer than " + limit + ": " + command + "\n" + tail(E2e.read(output)));
      }
      return new E2e.Result(p.exitValue(), E2e.read(output));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      E2e.destroyTree(p);
    }
  }

  /** The words quoted for sh. */
  static String shellWords(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append('\'').append(w.replace("'", "'\\''")).append('\'');
    }
    return sb.toString();
  }

  static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}
