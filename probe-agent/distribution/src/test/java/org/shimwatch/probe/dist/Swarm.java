package org.shimwatch.probe.dist;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.shimwatch.testing.MissingPart;

/**
 * A BitTorrent swarm on loopback for tests: opentracker with a whitelist of one torrent made by
 * mktorrent over a random payload, and the command line of an aria2c that seeds it (or leeches it)
 * without DHT, local discovery or peer exchange, so that nothing leaves 127.0.0.1.
 */
final class Swarm implements AutoCloseable {

  private final Path dir;
  private final Process tracker;
  final Path torrent;
  final Path seedDir;

  private Swarm(Path dir, Process tracker, Path torrent, Path seedDir) {
    this.dir = dir;
    this.tracker = tracker;
    this.torrent = torrent;
    this.seedDir = seedDir;
  }

  /** Whether aria2c, opentracker and mktorrent are installed; if not, skips (or fails under CI). */
  static boolean available() throws InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("aria2c", "opentracker", "mktorrent")) {
      try {
        if (Shell.run(Map.of("PATH", Distribution.path()), "sh", "-c", "command -v " + tool)
                .status()
            != 0) {
          missing.add(tool);
        }
      } catch (IOException e) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      MissingPart.skipOrFail(
          "needs " + missing + " (Debian packages aria2, opentracker, mktorrent)");
      return false;
    }
    return true;
  }

  /** Starts the tracker over a payload of {@code bytes} random bytes. */
  static Swarm start(Path dir, int bytes) throws IOException, InterruptedException {
    Path seed = Files.createDirectories(dir.resolve("seed"));
    byte[] payload = new byte[bytes];
    new Random(bytes).nextBytes(payload);
    Files.write(seed.resolve("payload.bin"), payload);
    int port = freePort();
    Path torrent = dir.resolve("swarm.torrent");
    Map<String, String> env = Map.of("PATH", Distribution.path());
    Shell.Result made =
        Shell.run(
            env,
            "mktorrent",
            "-a",
            "http://127.0.0.1:" + port + "/announce",
            "-o",
            torrent.toString(),
            seed.resolve("payload.bin").toString());
    if (made.status() != 0) {
      throw new IOException("mktorrent: " + made.err());
    }
    Shell.Result show = Shell.run(env, "aria2c", "-S", torrent.toString());
    String hash =
        show.out()
            .lines()
            .filter(l -> l.startsWith("Info Hash:"))
            .map(l -> l.substring("Info Hash:".length()).strip())
            .findFirst()
            .orElseThrow(() -> new IOException("no info hash from aria2c -S: " + show.out()));
    Files.writeString(dir.resolve("whitelist"), hash + "\n");
    ProcessBuilder pb =
        new ProcessBuilder(
            "opentracker",
            "-i",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-P",
            Integer.toString(port),
            "-d",
            dir.toString(),
            "-w",
            "whitelist");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("opentracker.log").toFile());
    Process tracker = pb.start();
    awaitListening(port);
    return new Swarm(dir, tracker, torrent, seed);
  }

  /** aria2c seeding the payload from {@code seedDir}, listening on a free port, until signalled. */
  List<String> seeder() throws IOException {
    List<String> c = new ArrayList<>(common());
    c.addAll(
        List.of(
            "--dir=" + seedDir,
            "--listen-port=" + freePort(),
            "--check-integrity=true",
            "--seed-ratio=0",
            torrent.toString()));
    return c;
  }

  /** aria2c fetching the payload into {@code into} and ending once it has it. */
  List<String> leecher(Path into) throws IOException {
    List<String> c = new ArrayList<>(common());
    c.addAll(
        List.of(
            "--dir=" + into,
            "--listen-port=" + freePort(),
            "--seed-time=0",
            "--allow-overwrite=true",
            torrent.toString()));
    return c;
  }

  private static List<String> common() {
    return List.of(
        "aria2c",
        "--enable-dht=false",
        "--enable-dht6=false",
        "--bt-enable-lpd=false",
        "--enable-peer-exchange=false",
        "--interface=127.0.0.1",
        "--disable-ipv6=true",
        "--bt-tracker-interval=2",
        "--summary-interval=0",
        "--console-log-level=notice");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  static void awaitListening(int port) throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IOException("nothing listens on 127.0.0.1:" + port);
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    tracker.destroyForcibly();
    try {
      tracker.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
