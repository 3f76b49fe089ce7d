package org.shimwatch.probe.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The javaagent's argument string: {@code key=value} pairs separated by commas, e.g. {@code
 * -javaagent:shimwatch.jar=server=https://shimwatch.example.org,key=swk_x,client=jtorrent,clientVersion=2.1.0,period=3600}.
 *
 * <ul>
 *   <li>{@code server}, {@code key}, {@code project}: as the CLI's flags (otherwise from the
 *       environment and the config file);
 *   <li>{@code client}, {@code clientVersion}: the client's name and version (default: the main
 *       class or jar named by {@code sun.java.command});
 *   <li>{@code period}: seconds, or an ISO-8601 duration such as {@code PT1H}, between periodic
 *       reports; default 3600; at least 60;
 *   <li>{@code state}: the state directory.
 * </ul>
 *
 * @param server server URL, or {@code null}
 * @param key ingest key, or {@code null}
 * @param project project slug, or {@code null}
 * @param client client name, or {@code null}
 * @param clientVersion client version, or {@code null}
 * @param period time between periodic reports
 * @param state state directory, or {@code null}
 */
public record AgentOptions(
    URI server,
    String key,
    String project,
    String client,
    String clientVersion,
    Duration period,
    Path state) {

  /** Hourly: a long-running client's latency profile changes slowly; more would only add noise. */
  public static final Duration DEFAULT_PERIOD = Duration.ofHours(1);

  /** Reports more often than once a minute would make the report rate limit the bottleneck. */
  public static final Duration MIN_PERIOD = Duration.ofMinutes(1);

  private static final Set<String> KEYS =
      Set.of("server", "key", "project", "client", "clientVersion", "period", "state");

  /**
   * Parses the argument string ({@code null} or empty: all defaults).
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static AgentOptions parse(String args) {
    Map<String, String> m = new LinkedHashMap<>();
    if (args != null && !args.isBlank()) {
      for (String part : args.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("'" + part + "' is not key=value");
        }
        String k = part.substring(0, eq).strip();
        if (!KEYS.contains(k)) {
          throw new IllegalArgumentException(
              "unknown option '" + k + "' (known: " + String.join(", ", KEYS) + ")");
        }
        m.put(k, part.substring(eq + 1).strip());
      }
    }
    Duration period = DEFAULT_PERIOD;
    if (m.containsKey("period")) {
      String p = m.get("period");
      try {
        period =
            p.startsWith("P") || p.startsWith("p")
                ? Duration.parse(p)
                : Duration.ofSeconds(Long.parseLong(p));
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new IllegalArgumentException(
            "period '" + p + "' is neither seconds nor an ISO-8601 duration");
      }
      if (period.compareTo(MIN_PERIOD) < 0) {
        throw new IllegalArgumentException("period " + p + " is shorter than a minute");
      }
    }
    return new AgentOptions(
        m.containsKey("server") ? URI.create(m.get("server")) : null,
        m.get("key"),
        m.get("project"),
        m.get("client"),
        m.get("clientVersion"),
        period,
        m.containsKey("state") ? Path.of(m.get("state")) : null);
  }
}
