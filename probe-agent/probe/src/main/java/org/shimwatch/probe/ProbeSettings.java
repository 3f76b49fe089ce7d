package org.shimwatch.probe;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where to send reports and what to collect, resolved from flags, then the environment, then the
 * config file, in that order (the first that says something wins).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>config file key</th><th>environment</th><th>flag</th><th>meaning</th></tr>
 *   <tr><td>server</td><td>SHIMWATCH_SERVER</td><td>--server</td>
 *       <td>base URL of the Shimwatch server, e.g. https://shimwatch.example.org</td></tr>
 *   <tr><td>key</td><td>SHIMWATCH_KEY</td><td>--key</td><td>the project's ingest key</td></tr>
 *   <tr><td>project</td><td>SHIMWATCH_PROJECT</td><td>--project</td>
 *       <td>project slug, default {@code default}</td></tr>
 *   <tr><td>fixes.packages</td><td>-</td><td>-</td>
 *       <td>comma-separated Debian packages reported as fixes; default libc6 and the running
 *       kernel's package</td></tr>
 * </table>
 *
 * <p>{@code SHIMWATCH_CA_FILE} names a PEM file of certificate authorities trusted besides Java's
 * own, for a server with a certificate from a private CA (see {@link ProbeTls}).
 *
 * <p>The config file is {@code $SHIMWATCH_CONFIG}, else {@code
 * $XDG_CONFIG_HOME/shimwatch/config.properties}, else {@code
 * ~/.config/shimwatch/config.properties}; it is optional. Unknown keys are an error, so a typo
 * never goes unnoticed.
 *
 * @param server the server's base URL, or {@code null} when none is configured
 * @param ingestKey the ingest key, or {@code null}
 * @param project the project slug
 * @param state the state directory
 * @param fixPackages packages whose versions are reported as fixes; {@code null} for the default
 * @param configFile the config file that was looked at (it may not exist)
 */
public record ProbeSettings(
    URI server,
    String ingestKey,
    String project,
    StateDirectory state,
    List<String> fixPackages,
    Path configFile) {

  /** Project slug used when none is given. */
  public static final String DEFAULT_PROJECT = "default";

  public static final String SERVER_VARIABLE = "SHIMWATCH_SERVER";
  public static final String KEY_VARIABLE = "SHIMWATCH_KEY";
  public static final String PROJECT_VARIABLE = "SHIMWATCH_PROJECT";
  public static final String CONFIG_VARIABLE = "SHIMWATCH_CONFIG";

  private static final Set<String> FILE_KEYS = Set.of("server", "key", "project", "fixes.packages");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,256}");
  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{0,127}");

  /**
   * What the command line said; {@code null} fields were not given.
   *
   * @param server --server
   * @param ingestKey --key
   * @param project --project
   * @param configFile --config
   */
  public record Flags(String server, String ingestKey, String project, Path configFile) {
    /** No flags given. */
    public static Flags none() {
      return new Flags(null, null, null, null);
    }
  }

  /**
   * Resolves the settings.
   *
   * @throws SettingsException naming the flag, variable or file line that is wrong
   */
  public static ProbeSettings resolve(Flags flags, Map<String, String> env)
      throws SettingsException {
    ProbeTls.context(env);
    Path configFile = flags.configFile() != null ? flags.configFile() : configFile(env);
    Properties file = readConfig(configFile, flags.configFile() != null);
    String where = configFile.toString();

    URI server = null;
    String serverText = first(flags.server(), env.get(SERVER_VARIABLE), file.getProperty("server"));
    if (serverText != null) {
      server =
          serverUri(
              serverText,
              flags.server() != null
                  ? "--server"
                  : env.get(SERVER_VARIABLE) != null ? SERVER_VARIABLE : where + ": server");
    }
    String key = first(flags.ingestKey(), env.get(KEY_VARIABLE), file.getProperty("key"));
    if (key != null && !KEY.matcher(key).matches()) {
      throw new SettingsException(
          "the ingest key must be 1 to 256 printable characters without spaces");
    }
    String project = first(flags.project(), env.get(PROJECT_VARIABLE), file.getProperty("project"));
    if (project == null) {
      project = DEFAULT_PROJECT;
    } else if (!SLUG.matcher(project).matches()) {
      throw new SettingsException(
          "project '"
              + project
              + "' is not a project slug (lower-case letters, digits and '-', at most 64)");
    }
    List<String> packages = null;
    String fixes = file.getProperty("fixes.packages");
    if (fixes != null) {
      packages =
          Arrays.stream(fixes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      for (String p : packages) {
        if (!PACKAGE.matcher(p).matches()) {
          throw new SettingsException(
              where + ": fixes.packages: '" + p + "' is not a Debian package name");
        }
      }
    }
    return new ProbeSettings(
        server, key, project, StateDirectory.fromEnvironment(env), packages, configFile);
  }

  /** The same settings with another state directory (for the embedding API and tests). */
  public ProbeSettings withState(StateDirectory dir) {
    return new ProbeSettings(server, ingestKey, project, dir, fixPackages, configFile);
  }

  /** The ingest URL: the server's base URL plus the project's reports path. */
  public URI reportsUri() {
    return join(server, org.shimwatch.report.IngestProtocol.reportsPath(project));
  }

  /** The deletion URL of one installation. */
  public URI installationUri(String installationId) {
    return join(server, org.shimwatch.report.IngestProtocol.installationPath(installationId));
  }

  private static URI join(URI base, String path) {
    String b = base.toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return URI.create(b + path);
  }

  /**
   * Parses a server URL: http or https, with a host, no query or fragment; a path is kept as the
   * base the API paths are added to.
   */
  public static URI serverUri(String text, String where) throws SettingsException {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new SettingsException(where + ": '" + text + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new SettingsException(where + ": '" + text + "' is not an http:// or https:// URL");
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new SettingsException(
          where
              + ": '"
              + text
              + "' needs a host and no query or fragment, e.g. https://shimwatch.example.org");
    }
    return uri;
  }

  private static Path configFile(Map<String, String> env) {
    String explicit = env.get(CONFIG_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "shimwatch", "config.properties");
    }
    return StateDirectory.userHome(env).resolve(".config/shimwatch/config.properties");
  }

  private static Properties readConfig(Path file, boolean mustExist) throws SettingsException {
    Properties p = new Properties();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (mustExist) {
        throw new SettingsException(file + ": no such config file");
      }
      return p;
    } catch (IOException e) {
      throw new SettingsException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new SettingsException(file + ": not a properties file (" + e.getMessage() + ")");
    }
    for (String k : p.stringPropertyNames()) {
      if (!FILE_KEYS.contains(k)) {
        throw new SettingsException(
            file + ": unknown setting '" + k + "' (known: server, key, project, fixes.packages)");
      }
      p.setProperty(k, p.getProperty(k).strip());
    }
    return p;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
