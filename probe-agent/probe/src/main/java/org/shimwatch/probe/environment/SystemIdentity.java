package org.shimwatch.probe.environment;

import java.util.Optional;
import org.shimwatch.shim.JnaIsolation;

/**
 * What the C library says about the running system. The JNA implementation asks {@code uname(2)}
 * and glibc's {@code gnu_get_libc_version()}; {@link #load()} falls back to {@code /proc} when JNA
 * or the C library cannot be reached.
 */
public interface SystemIdentity {

  /**
   * The fields of {@code struct utsname} the probe uses.
   *
   * @param sysname e.g. Linux
   * @param nodename the host name
   * @param release kernel release, e.g. 6.1.0-27-amd64
   * @param machine hardware name, e.g. x86_64
   */
  record Uname(String sysname, String nodename, String release, String machine) {}

  /** The kernel's identity, when it can be had. */
  Optional<Uname> uname();

  /** The glibc version, e.g. 2.36, when the C library is glibc. */
  Optional<String> libcVersion();

  /** The JNA implementation, or the {@code /proc} fallback when JNA cannot load; never throws. */
  static SystemIdentity load() {
    try {
      return JnaIsolation.call(
          "org.shimwatch.probe.environment.jna.JnaSystemIdentity", "load", SystemIdentity.class);
    } catch (LinkageError | RuntimeException e) {
      return new ProcSystemIdentity();
    }
  }
}
