package org.shimwatch.probe.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands as a user's shell would, with a given environment, and keeps what they print. */
final class Shell {

  /** How a command ended. */
  record Result(int status, String out, String err) {}

  private Shell() {}

  static Result run(Map<String, String> env, Path dir, String stdin, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    List<byte[]> err = new ArrayList<>();
    Thread t =
        new Thread(
            () -> {
              try {
                err.add(p.getErrorStream().readAllBytes());
              } catch (IOException e) {
                err.add(new byte[0]);
              }
            });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command + " did not end within 300 s");
    }
    t.join();
    return new Result(p.exitValue(), out, new String(err.get(0), StandardCharsets.UTF_8));
  }

  static Result run(Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    return run(env, null, null, List.of(command));
  }

  /** The real python3 interpreter (not a version manager's wrapper script), or {@code null}. */
  static String python3() {
    try {
      Result r =
          run(
              Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
              "python3",
              "-c",
              "import sys; print(sys.executable)");
      return r.status() == 0 && !r.out().isBlank() ? r.out().strip() : null;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }

  /**
   * A short real client: a python3 script in {@code dir} that makes {@code rounds} select() round
   * trips over a socket pair, copies its stdin to its stdout, and exits with {@code exit}. A file,
   * not {@code -c}: the launcher leaves an argument with a line break to the Java run.
   */
  static List<String> selectClient(Path dir, String python, int rounds, int exit)
      throws IOException {
    Path script =
        Files.createDirectories(dir).resolve("select_client_" + rounds + "_" + exit + ".py");
    Files.writeString(
        script,
        "import select, socket, sys\n"
            + "a, b = socket.socketpair()\n"
            + "for i in range("
            + rounds
            + "):\n"
            + "    a.send(b'x')\n"
            + "    r, w, x = select.select([b], [], [], 1.0)\n"
            + "    b.recv(1)\n"
            + "sys.stdout.write(sys.stdin.read())\n"
            + "sys.exit("
            + exit
            + ")\n");
    return List.of(python, script.toString());
  }
}
