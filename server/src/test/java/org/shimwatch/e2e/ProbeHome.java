package org.shimwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.shimwatch.privacy.ReportScrubbing;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentStore;
import org.shimwatch.probe.outbox.FileReportQueue;
import org.shimwatch.probe.outbox.OutboxLimits;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import tools.jackson.databind.node.ObjectNode;

/**
 * One user's probe: its own state folder ({@code SHIMWATCH_HOME}), its own config folder, and the
 * real {@code shimwatch} CLI run against a server. The user is called {@link E2e#PLANTED_USER} and
 * lives in {@link E2e#PLANTED_HOME}, so their name and home appear in what the probe sees.
 */
final class ProbeHome {

  static final Duration CLI_LIMIT = Duration.ofSeconds(120);

  private final Path dir;
  private final Path state;
  private String server;

  ProbeHome(String name, String server) {
    this.dir = E2e.newDir("probe-" + name);
    this.state = dir.resolve("state");
    this.server = server;
  }

  Path dir() {
    return dir;
  }

  Path state() {
    return state;
  }

  void server(String server) {
    this.server = server;
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SHIMWATCH_HOME", state.toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_STATE_HOME", dir.resolve("xdg-state").toString());
    env.put("SHIMWATCH_SERVER", server);
    env.put("SHIMWATCH_KEY", E2e.KEY);
    env.put("USER", E2e.PLANTED_USER);
    env.put("LOGNAME", E2e.PLANTED_USER);
    env.put("HOME", E2e.PLANTED_HOME.substring(0, E2e.PLANTED_HOME.length() - 1));
    env.put("SHIMWATCH_JAVA_OPTS", "-Xmx96m -XX:+UseSerialGC");
    return env;
  }

  /** {@code shimwatch ARGS…} to its end. */
  E2e.Result cli(String... args) {
    return cli(Map.of(), args);
  }

  E2e.Result cli(Map<String, String> extraEnv, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(E2e.launcher().toString());
    cmd.addAll(List.of(args));
    Map<String, String> env = env();
    env.putAll(extraEnv);
    return E2e.run(cmd, env, dir, CLI_LIMIT);
  }

  /** {@code shimwatch ARGS…} started in the background (to be killed), output to a file. */
  Process cliInBackground(Path output, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(E2e.launcher().toString());
    cmd.addAll(List.of(args));
    return E2e.start(cmd, env(), dir, output);
  }

  /** Opts in through the CLI. */
  void consent(int level) {
    E2e.Result r = cli("consent", "--level", Integer.toString(level));
    assertEquals(0, r.exit(), "shimwatch consent: " + r.output());
  }

  Consent consentOnDisk() throws Exception {
    return new ConsentStore(new StateDirectory(state).consentFile()).load();
  }

  /**
   * Queues {@code n} reports made from an example, as this installation, through the probe's own
   * outbox (checked, scrubbed with this user's names, written atomically), for {@code shimwatch
   * submit --pending} to send. Returns their report ids.
   */
  List<UUID> queue(int n, String example, String comment) throws Exception {
    Consent consent = consentOnDisk();
    FileReportQueue queue =
        new FileReportQueue(new StateDirectory(state), OutboxLimits.defaults(), Clock.systemUTC());
    Scrubber scrubber = Scrubber.withNames(Set.of(E2e.PLANTED_USER), Set.of());
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode doc = (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text(example));
      UUID id = UUID.randomUUID();
      doc.put("reportId", id.toString());
      doc.put("installationId", consent.installationId().toString());
      doc.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      if (comment != null) {
        doc.put("comment", comment);
      }
      Report r = ReportValidator.instance().parse(ReportJson.mapper().writeValueAsBytes(doc));
      queue.enqueue(ReportScrubbing.scrub(r, scrubber));
      ids.add(id);
    }
    return ids;
  }

  int outboxSize() throws IOException {
    return countJson(state.resolve("outbox"));
  }

  int rejectedSize() throws IOException {
    return countJson(state.resolve("rejected"));
  }

  /** Report files (not receipts or reasons) in a folder of the state directory. */
  static int countJson(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return (int)
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .filter(n -> !n.endsWith(".receipt.json") && !n.endsWith(".reason.json"))
              .count();
    }
  }

  /** Ids of the reports in {@code sent/}. */
  List<String> sentIds() throws IOException {
    Path sent = state.resolve("sent");
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(sent)) {
      return ids;
    }
    try (Stream<Path> s = Files.list(sent)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.endsWith(".receipt.json"))
          .sorted()
          .forEach(n -> ids.add(n.substring(17, n.length() - ".json".length())));
    }
    return ids;
  }
}
