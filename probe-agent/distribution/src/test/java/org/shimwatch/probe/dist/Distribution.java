package org.shimwatch.probe.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the build put the archive and the package, and environments for running them. */
final class Distribution {

  private Distribution() {}

  static Path dir() {
    return Path.of(System.getProperty("shimwatch.dist.dir", "target"));
  }

  static String version() {
    return System.getProperty("shimwatch.dist.version", "0.1.0-SNAPSHOT");
  }

  static Path archive() {
    return dir().resolve("shimwatch-" + version() + ".tar.gz");
  }

  static Path debianPackage() {
    return dir().resolve("shimwatch_" + version().replace('-', '~') + "_amd64.deb");
  }

  /** The archive unpacked into {@code into}; returns its top folder. */
  static Path unpack(Path into) throws IOException, InterruptedException {
    Files.createDirectories(into);
    Shell.Result r =
        Shell.run(
            Map.of("PATH", path()), "tar", "-xzf", archive().toString(), "-C", into.toString());
    if (r.status() != 0) {
      throw new IOException("tar: " + r.err());
    }
    return into.resolve("shimwatch-" + version());
  }

  static String path() {
    return System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
  }

  /** A user's environment with everything the probe reads under {@code dir}. */
  static Map<String, String> userEnvironment(Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", path());
    env.put("HOME", dir.resolve("home").toString());
    env.put("SHIMWATCH_HOME", dir.resolve("state").toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("USER", System.getProperty("user.name"));
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /**
   * Waits until no background {@code finish-run} works on {@code state} any more (it may still move
   * files after its report has arrived), at most a minute.
   */
  static void awaitFinishers(Path state) throws InterruptedException {
    String dir = state.toString();
    long end = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < end && finisherRunning(dir)) {
      Thread.sleep(20);
    }
  }

  static boolean finisherRunning(String state) {
    return ProcessHandle.allProcesses()
        .anyMatch(
            p ->
                p.info()
                    .arguments()
                    .map(
                        a ->
                            List.of(a).contains("finish-run")
                                && String.join(" ", a).contains(state))
                    .orElse(false));
  }
}
