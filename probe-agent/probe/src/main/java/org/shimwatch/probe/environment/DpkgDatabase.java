package org.shimwatch.probe.environment;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads dpkg's database ({@code /var/lib/dpkg}): the versions of installed packages from its {@code
 * status} file, and which package installed a file from its {@code info/*.list} files. Nothing here
 * runs a program. A system without dpkg simply has no packages.
 *
 * @param root dpkg's admin directory, normally {@code /var/lib/dpkg}
 */
public record DpkgDatabase(Path root) {

  /** The system's database. */
  public static DpkgDatabase system() {
    return new DpkgDatabase(Path.of("/var/lib/dpkg"));
  }

  /**
   * The versions of those of {@code packages} that are installed, keyed by package name, in the
   * order asked for.
   */
  public Map<String, String> installedVersions(Collection<String> packages) {
    Set<String> wanted = new HashSet<>(packages);
    Map<String, String> found = new LinkedHashMap<>();
    try (BufferedReader r =
        Files.newBufferedReader(root.resolve("status"), StandardCharsets.UTF_8)) {
      String name = null;
      String status = null;
      String version = null;
      String line;
      while (true) {
        line = r.readLine();
        if (line == null || line.isEmpty()) {
          if (name != null
              && wanted.contains(name)
              && version != null
              && status != null
              && status.endsWith(" installed")) {
            found.put(name, version);
          }
          name = status = version = null;
          if (line == null) {
            break;
          }
          continue;
        }
        if (line.startsWith("Package:")) {
          name = line.substring(8).strip();
        } else if (line.startsWith("Status:")) {
          status = line.substring(7).strip();
        } else if (line.startsWith("Version:")) {
          version = line.substring(8).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String p : packages) {
      if (found.containsKey(p)) {
        ordered.put(p, found.get(p));
      }
    }
    return ordered;
  }

  /**
   * The package that installed {@code file} (one of the paths it is known by), from the {@code
   * info/*.list} files.
   */
  public Optional<String> ownerOf(Collection<Path> file) {
    Set<String> paths = new HashSet<>();
    for (Path p : file) {
      paths.add(p.toString());
    }
    try (DirectoryStream<Path> lists = Files.newDirectoryStream(root.resolve("info"), "*.list")) {
      for (Path list : lists) {
        try (BufferedReader r = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
          String line;
          while ((line = r.readLine()) != null) {
            if (paths.contains(line)) {
              String n = list.getFileName().toString();
              String pkg = n.substring(0, n.length() - ".list".length());
              int colon = pkg.indexOf(':');
              return Optional.of(colon > 0 ? pkg.substring(0, colon) : pkg);
            }
          }
        } catch (IOException | RuntimeException e) {
          // An unreadable list only hides that one package.
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
