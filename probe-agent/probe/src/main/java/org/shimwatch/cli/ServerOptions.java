package org.shimwatch.cli;

import java.nio.file.Path;
import org.shimwatch.probe.ProbeSettings;
import picocli.CommandLine.Option;

/**
 * Where reports go: flags that win over {@code SHIMWATCH_SERVER}, {@code SHIMWATCH_KEY} and the
 * config file.
 */
final class ServerOptions {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Shimwatch server base URL (else $SHIMWATCH_SERVER, else server= in the config file)")
  String server;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "the project's ingest key (else $SHIMWATCH_KEY, else key= in the config file)")
  String key;

  @Option(
      names = "--project",
      paramLabel = "SLUG",
      description = "project slug (else $SHIMWATCH_PROJECT, else project=, else 'default')")
  String project;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "config file (else $SHIMWATCH_CONFIG, else $XDG_CONFIG_HOME/shimwatch/config.properties"
              + " or ~/.config/shimwatch/config.properties)")
  Path config;

  ProbeSettings.Flags flags() {
    return new ProbeSettings.Flags(server, key, project, config);
  }
}
