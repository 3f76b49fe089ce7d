package org.shimwatch.probe.environment.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.shimwatch.probe.environment.SystemIdentity;

/** {@link SystemIdentity} through JNA: {@code uname(2)} and {@code gnu_get_libc_version()}. */
public final class JnaSystemIdentity implements SystemIdentity {

  /**
   * glibc's {@code struct utsname} on Linux: six fields of 65 bytes (sysname, nodename, release,
   * version, machine, domainname). The buffer is larger, so another layout cannot overrun it.
   */
  static final int FIELD = 65;

  private static final int BUFFER = 1024;

  interface CLibrary extends Library {
    int uname(byte[] buf);

    String gnu_get_libc_version();
  }

  private final CLibrary libc;

  private JnaSystemIdentity(CLibrary libc) {
    this.libc = libc;
  }

  /**
   * Binds the C library.
   *
   * @throws UnsatisfiedLinkError when it cannot be loaded
   */
  public static JnaSystemIdentity load() {
    return new JnaSystemIdentity(Native.load("c", CLibrary.class));
  }

  @Override
  public Optional<Uname> uname() {
    try {
      byte[] buf = new byte[BUFFER];
      if (libc.uname(buf) != 0) {
        return Optional.empty();
      }
      return Optional.of(new Uname(field(buf, 0), field(buf, 1), field(buf, 2), field(buf, 4)));
    } catch (LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> libcVersion() {
    try {
      return Optional.ofNullable(libc.gnu_get_libc_version());
    } catch (LinkageError | RuntimeException e) {
      // musl and other C libraries have no gnu_get_libc_version.
      return Optional.empty();
    }
  }

  private static String field(byte[] buf, int index) {
    int start = index * FIELD;
    int end = start;
    while (end < start + FIELD && buf[end] != 0) {
      end++;
    }
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }
}
