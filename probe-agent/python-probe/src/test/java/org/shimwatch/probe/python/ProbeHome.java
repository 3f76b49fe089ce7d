package org.shimwatch.probe.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.report.Violation;
import tools.jackson.databind.JsonNode;

/**
 * A user's machine for one test: a folder with the probe file (taken from this module's packaged
 * resource, the copy the server hands out) and the test clients, a state folder of its own, and an
 * environment without the developer's settings.
 */
final class ProbeHome {

  /** Where the packaged probe is on the class path. */
  static final String PROBE_RESOURCE = "/org/shimwatch/probe/python/shimwatch_probe.py";

  private final PythonRuntime runtime;
  private final Path dir;
  private final Path state;
  private final Path probe;
  private final Map<String, String> env = new LinkedHashMap<>();

  /**
   * One command's result.
   *
   * @param exit its exit status
   * @param out what it printed on stdout
   * @param err what it printed on stderr
   */
  record Ran(int exit, String out, String err) {

    /** The client's own count line ({@code CLIENT name=value ...}) as a map. */
    Map<String, String> clientCounts() {
      for (String line : out.split("\n")) {
        if (line.startsWith("CLIENT ")) {
          Map<String, String> m = new LinkedHashMap<>();
          for (String pair : line.substring(7).strip().split(" ")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
          return m;
        }
      }
      throw new AssertionError("the client printed no CLIENT line; stdout:\n" + out + "\n" + err);
    }

    long count(String name) {
      return Long.parseLong(clientCounts().get(name));
    }
  }

  ProbeHome(PythonRuntime runtime, Path dir) throws IOException {
    this.runtime = runtime;
    this.dir = dir;
    this.state = dir.resolve("state");
    this.probe = dir.resolve("shimwatch_probe.py");
    Files.createDirectories(dir);
    try (InputStream in = ProbeHome.class.getResourceAsStream(PROBE_RESOURCE)) {
      assertThat(in).as("the packaged probe " + PROBE_RESOURCE).isNotNull();
      Files.write(probe, in.readAllBytes());
    }
    for (String client :
        List.of(
            "loopback_select_client.py",
            "http_select_download.py",
            "raising_client.py",
            "exiting_client.py")) {
      try (InputStream in = ProbeHome.class.getResourceAsStream("/clients/" + client)) {
        Files.write(dir.resolve(client), in.readAllBytes());
      }
    }
    env.put("SHIMWATCH_HOME", state.toString());
    env.put("HOME", dir.resolve("home").toString());
    env.put("SHIMWATCH_CONFIG", dir.resolve("no-config.properties").toString());
  }

  Path dir() {
    return dir;
  }

  Path state() {
    return state;
  }

  Path client(String name) {
    return dir.resolve(name);
  }

  /** Sets (or with {@code null} removes) a variable for every later command. */
  ProbeHome env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** Runs {@code python shimwatch_probe.py ARGS} and waits for it (at most two minutes). */
  Ran probe(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(probe.toString()));
    command.addAll(List.of(args));
    return python(command.toArray(String[]::new));
  }

  /** Runs {@code python ARGS} in this home's environment and waits for it. */
  Ran python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(runtime.command());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> e = pb.environment();
    // Nothing of the developer's own Shimwatch settings, Python path or consent reaches the probe.
    e.keySet()
        .removeIf(
            k ->
                k.startsWith("SHIMWATCH_")
                    || k.startsWith("XDG_")
                    || k.startsWith("PYTHON")
                    || k.equals("DO_NOT_TRACK"));
    e.putAll(env);
    Path outFile = Files.createTempFile(dir, "out", ".txt");
    Path errFile = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    Process p = pb.start();
    Duration limit = Duration.ofMinutes(2);
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          runtime.name() + " " + String.join(" ", args) + " did not end within " + limit);
    }
    return new Ran(
        p.exitValue(),
        Files.readString(outFile, StandardCharsets.UTF_8),
        Files.readString(errFile, StandardCharsets.UTF_8));
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  /** Sets the consent level, which must work. */
  void consent(int level) throws IOException, InterruptedException {
    Ran r = probe("consent", "--level", Integer.toString(level));
    assertThat(r.exit()).as(r.err()).isZero();
  }

  /** The files waiting in the outbox, oldest first. */
  List<Path> outbox() throws IOException {
    return files(state.resolve("outbox"));
  }

  List<Path> files(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{16}-[0-9a-f-]{36}\\.json"))
          .sorted()
          .toList();
    }
  }

  /** The one report waiting, checked against contract v1 with the Java validator. */
  JsonNode onlyReport() throws IOException {
    List<Path> files = outbox();
    assertThat(files).hasSize(1);
    return validReport(files.get(0));
  }

  /** A queued report file, which must pass contract v1. */
  static JsonNode validReport(Path file) throws IOException {
    byte[] body = Files.readAllBytes(file);
    List<Violation> violations = ReportValidator.instance().validate(body);
    assertThat(violations).as(new String(body, StandardCharsets.UTF_8)).isEmpty();
    return ReportJson.mapper().readTree(body);
  }

  /** consent.properties as Java's own Properties reads it (the Java probe's ConsentStore does). */
  Properties consentProperties() throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(state.resolve("consent.properties"))) {
      p.load(r);
    }
    return p;
  }

  /** Everything under the state folder, as relative paths. */
  List<String> stateFiles() throws IOException {
    if (!Files.exists(state)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(state)) {
      return s.filter(Files::isRegularFile).map(p -> state.relativize(p).toString()).toList();
    }
  }
}
