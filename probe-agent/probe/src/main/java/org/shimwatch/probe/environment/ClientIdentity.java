package org.shimwatch.probe.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.report.Environment;

/**
 * Tells which client a command line runs: its name is the executable's file name, its version that
 * of the Debian package that installed the executable. The client is never run to ask it (a second
 * run of an arbitrary program could have effects of its own).
 */
public final class ClientIdentity {

  private ClientIdentity() {}

  /**
   * The client a command runs; a name or version given by the user wins over what is detected.
   *
   * @param command the command line, executable first
   * @param givenName the name the user gave, or {@code null}
   * @param givenVersion the version the user gave, or {@code null}
   * @param env the environment, for {@code PATH}
   * @param dpkg where installed packages are looked up
   */
  public static Environment.Client of(
      List<String> command,
      String givenName,
      String givenVersion,
      Map<String, String> env,
      DpkgDatabase dpkg) {
    String name = ContractFields.name(givenName);
    String version = ContractFields.version(givenVersion);
    Path executable = command.isEmpty() ? null : resolve(command.get(0), env);
    if (name == null) {
      name = command.isEmpty() ? null : ContractFields.name(Scrubber.fileName(command.get(0)));
    }
    if (version == null && executable != null) {
      version =
          dpkg.ownerOf(aliases(executable))
              .map(pkg -> dpkg.installedVersions(List.of(pkg)).get(pkg))
              .map(ContractFields::version)
              .orElse(null);
    }
    return new Environment.Client(name == null ? "unknown" : name, version);
  }

  /** The executable {@code command} names: a path as given, or the first match on PATH. */
  public static Path resolve(String command, Map<String, String> env) {
    if (command.contains("/")) {
      Path p = Path.of(command).toAbsolutePath().normalize();
      return Files.isRegularFile(p) ? p : null;
    }
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, command);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  /**
   * The paths dpkg may know an executable by: as found, with symbolic links resolved, and its twin
   * under the merged {@code /usr} (dpkg lists {@code /bin/true} while PATH finds {@code
   * /usr/bin/true}).
   */
  static Set<Path> aliases(Path executable) {
    Set<Path> out = new LinkedHashSet<>();
    out.add(executable);
    try {
      out.add(executable.toRealPath());
    } catch (IOException e) {
      // Keep the path as found.
    }
    for (Path p : List.copyOf(out)) {
      String s = p.toString();
      if (s.startsWith("/usr/bin/") || s.startsWith("/usr/sbin/")) {
        out.add(Path.of(s.substring(4)));
      } else if (s.startsWith("/bin/") || s.startsWith("/sbin/")) {
        out.add(Path.of("/usr" + s));
      }
    }
    return out;
  }
}
