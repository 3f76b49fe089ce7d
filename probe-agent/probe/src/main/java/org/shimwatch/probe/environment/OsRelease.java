package org.shimwatch.probe.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code os-release} file (freedesktop.org): shell-style {@code KEY=value} lines, values
 * optionally in single or double quotes with backslash escapes inside double quotes.
 */
public final class OsRelease {

  /** Where the file is looked for, in order. */
  public static final List<Path> LOCATIONS =
      List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"));

  private OsRelease() {}

  /** The fields of the first readable file in {@code locations}; empty when none is readable. */
  public static Map<String, String> read(List<Path> locations) {
    for (Path p : locations) {
      try {
        return parse(Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        // Try the next location; a system without the file just has no distribution name.
      }
    }
    return Map.of();
  }

  /** The fields of os-release text; lines that are not assignments are ignored. */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq);
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        continue;
      }
      unquote(line.substring(eq + 1)).ifPresent(v -> out.put(key, v));
    }
    return out;
  }

  private static Optional<String> unquote(String v) {
    if (v.isEmpty()) {
      return Optional.of("");
    }
    char q = v.charAt(0);
    if (q == '\'') {
      int end = v.indexOf('\'', 1);
      return end < 0 ? Optional.empty() : Optional.of(v.substring(1, end));
    }
    if (q == '"') {
      StringBuilder s = new StringBuilder();
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length()) {
          s.append(v.charAt(++i));
        } else if (c == '"') {
          return Optional.of(s.toString());
        } else {
          s.append(c);
        }
      }
      return Optional.empty();
    }
    return Optional.of(v);
  }
}
