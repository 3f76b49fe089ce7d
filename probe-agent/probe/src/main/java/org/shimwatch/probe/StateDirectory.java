package org.shimwatch.probe;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the probe keeps its state, and the layout inside it:
 *
 * <pre>
 * consent.properties   level, installation id and secret (mode 0600)
 * status.properties    last attempt, last error, next attempt
 * outbox/              reports waiting to be sent, oldest first
 * sent/                reports the server accepted, with its receipts
 * rejected/            reports the server refused for good, with its reason
 * dropped.log          one line per report dropped by the outbox limits
 * cache/               the shim library extracted from the jar, named by its SHA-256
 * runs/                per-run spool directories of {@code shimwatch run}, removed afterwards
 * </pre>
 *
 * The directory is {@code $SHIMWATCH_HOME}, else {@code $XDG_STATE_HOME/shimwatch} (when that is an
 * absolute path), else {@code ~/.local/state/shimwatch}.
 *
 * @param root the state directory
 */
public record StateDirectory(Path root) {

  /** Environment variable naming the state directory outright. */
  public static final String HOME_VARIABLE = "SHIMWATCH_HOME";

  /** The state directory the environment points to. */
  public static StateDirectory fromEnvironment(Map<String, String> env) {
    String home = env.get(HOME_VARIABLE);
    if (home != null && !home.isBlank()) {
      return new StateDirectory(Path.of(home));
    }
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return new StateDirectory(Path.of(xdg, "shimwatch"));
    }
    return new StateDirectory(userHome(env).resolve(".local/state/shimwatch"));
  }

  static Path userHome(Map<String, String> env) {
    String home = env.get("HOME");
    return home != null && !home.isBlank()
        ? Path.of(home)
        : Path.of(System.getProperty("user.home"));
  }

  public Path consentFile() {
    return root.resolve("consent.properties");
  }

  public Path statusFile() {
    return root.resolve("status.properties");
  }

  public Path outbox() {
    return root.resolve("outbox");
  }

  public Path sent() {
    return root.resolve("sent");
  }

  public Path rejected() {
    return root.resolve("rejected");
  }

  public Path droppedLog() {
    return root.resolve("dropped.log");
  }

  public Path cache() {
    return root.resolve("cache");
  }

  public Path runs() {
    return root.resolve("runs");
  }

  /** The lock file held while one process sends, so two never send the same report at once. */
  public Path uploadLock() {
    return root.resolve("upload.lock");
  }
}
