package org.shimwatch.probe;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Environments for tests: everything the probe reads points into a temporary directory. */
public final class TestEnv {

  private TestEnv() {}

  /** HOME, state, config and XDG directories under {@code dir}; PATH and USER kept. */
  public static Map<String, String> in(Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    env.put(StateDirectory.HOME_VARIABLE, dir.resolve("state").toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_STATE_HOME", dir.resolve("xdg-state").toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("USER", System.getProperty("user.name"));
    return env;
  }

  /** The same with the server settings. */
  public static Map<String, String> withServer(Path dir, java.net.URI server) {
    Map<String, String> env = in(dir);
    env.put(ProbeSettings.SERVER_VARIABLE, server.toString());
    env.put(ProbeSettings.KEY_VARIABLE, "swk_testkey0123456789");
    return env;
  }
}
