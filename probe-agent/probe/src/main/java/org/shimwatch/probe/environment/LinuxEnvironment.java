package org.shimwatch.probe.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shimwatch.report.Environment;

/**
 * Collects the environment of a Linux machine: the distribution from {@code os-release}, kernel
 * release and machine from {@code uname}, the glibc version, and as fixes the versions of the
 * packages relevant to the stack (default: {@code libc6} and the running kernel's image package).
 * It only reads files and asks the C library; it never runs a program or opens a connection.
 */
public final class LinuxEnvironment {

  private final SystemIdentity system;
  private final List<Path> osReleaseFiles;
  private final DpkgDatabase dpkg;
  private final List<String> fixPackages;

  /**
   * @param system the C library's view of the system
   * @param osReleaseFiles where os-release is looked for
   * @param dpkg dpkg's database
   * @param fixPackages packages reported as fixes, or {@code null} for the default
   */
  public LinuxEnvironment(
      SystemIdentity system,
      List<Path> osReleaseFiles,
      DpkgDatabase dpkg,
      List<String> fixPackages) {
    this.system = system;
    this.osReleaseFiles = List.copyOf(osReleaseFiles);
    this.dpkg = dpkg;
    this.fixPackages = fixPackages == null ? null : List.copyOf(fixPackages);
  }

  /** The running system's environment, with the given fix packages ({@code null}: default). */
  public static LinuxEnvironment system(List<String> fixPackages) {
    return new LinuxEnvironment(
        SystemIdentity.load(), OsRelease.LOCATIONS, DpkgDatabase.system(), fixPackages);
  }

  /** The dpkg database this collector reads. */
  public DpkgDatabase dpkg() {
    return dpkg;
  }

  /**
   * The environment of this machine with the given client, runtime and shim.
   *
   * @param client the network client; its name is required by the contract
   * @param runtime the client's runtime, or {@code null}
   * @param shim the shim and how it was put in place, or {@code null}
   */
  public Environment collect(
      Environment.Client client, Environment.Runtime runtime, Environment.Shim shim) {
    Map<String, String> osRelease = OsRelease.read(osReleaseFiles);
    Optional<SystemIdentity.Uname> uname = system.uname();
    String release = uname.map(u -> ContractFields.version(u.release())).orElse(null);
    String family =
        uname.map(u -> u.sysname().toLowerCase(Locale.ROOT)).orElse("linux").equals("linux")
            ? "linux"
            : "other";
    Environment.Os os =
        new Environment.Os(
            family,
            ContractFields.name(osRelease.getOrDefault("NAME", osRelease.get("ID"))),
            ContractFields.version(osRelease.get("VERSION_ID")),
            release,
            uname.map(u -> ContractFields.name(u.machine())).orElse(null));
    Environment.Stack stack = new Environment.Stack("linux", release, null, null);
    List<Environment.Fix> fixes = new ArrayList<>();
    for (Map.Entry<String, String> e : dpkg.installedVersions(packages(release)).entrySet()) {
      String id = ContractFields.name(e.getKey());
      String version = ContractFields.version(e.getValue());
      if (id != null) {
        fixes.add(new Environment.Fix("package", id, version));
      }
    }
    return new Environment(os, stack, fixes.isEmpty() ? null : fixes, runtime, client, shim);
  }

  /** glibc and its version, the runtime of a native client; {@code null} when not glibc. */
  public Environment.Runtime glibcRuntime() {
    return system
        .libcVersion()
        .map(v -> new Environment.Runtime("glibc", ContractFields.version(v)))
        .orElse(null);
  }

  /** The JVM this code runs in, the runtime of a Java client. */
  public static Environment.Runtime jvmRuntime() {
    String name = System.getProperty("java.runtime.name", "Java");
    name = name.replace(" Runtime Environment", "").replace("(TM)", "").strip();
    return new Environment.Runtime(
        ContractFields.name(name.isEmpty() ? "Java" : name),
        ContractFields.version(System.getProperty("java.version")));
  }

  /**
   * The names this machine is known by, for scrubbing: the kernel's host name, {@code
   * /etc/hostname} and {@code $HOSTNAME}. No name lookup is made (that could reach the network).
   */
  public Set<String> hostNames(Map<String, String> env) {
    Set<String> names = new LinkedHashSet<>();
    system.uname().map(SystemIdentity.Uname::nodename).ifPresent(names::add);
    try {
      names.add(Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip());
    } catch (IOException | RuntimeException e) {
      // No such file: the kernel's name is enough.
    }
    if (env.get("HOSTNAME") != null) {
      names.add(env.get("HOSTNAME").strip());
    }
    names.removeIf(n -> n == null || n.isBlank() || n.equals("localhost"));
    return names;
  }

  /** The user names of whoever runs this, for scrubbing. */
  public static Set<String> userNames(Map<String, String> env) {
    Set<String> names = new LinkedHashSet<>();
    names.add(System.getProperty("user.name"));
    names.add(env.get("USER"));
    names.add(env.get("LOGNAME"));
    String home = env.get("HOME");
    if (home != null) {
      Path h = Path.of(home).getFileName();
      if (h != null) {
        names.add(h.toString());
      }
    }
    names.removeIf(n -> n == null || n.isBlank());
    return names;
  }

  /** Where the accounts' real names are read. */
  public static final Path PASSWD = Path.of("/etc/passwd");

  /**
   * The real names of these accounts, for scrubbing: the first comma-separated part of each one's
   * GECOS field in {@code passwd} ("John Doe,Room 12,," gives "John Doe"). Only the local file is
   * read (no NSS, LDAP or other lookup that could reach the network); an account it lacks, or a
   * file it cannot read, gives no name.
   */
  public static Set<String> realNames(Path passwd, Set<String> accounts) {
    Set<String> names = new LinkedHashSet<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(passwd, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return names;
    }
    for (String line : lines) {
      String[] f = line.split(":", -1);
      if (f.length >= 5 && accounts.contains(f[0])) {
        String gecos = f[4];
        int comma = gecos.indexOf(',');
        String name = (comma >= 0 ? gecos.substring(0, comma) : gecos).strip();
        if (!name.isEmpty() && !accounts.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private List<String> packages(String release) {
    if (fixPackages != null) {
      return fixPackages;
    }
    List<String> p = new ArrayList<>();
    p.add("libc6");
    if (release != null) {
      // Debian and Ubuntu name the running kernel's package after its release.
      p.add("linux-image-" + release);
    }
    return p;
  }
}
