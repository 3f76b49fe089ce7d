package org.shimwatch.shim.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.shimwatch.shim.NativeShim;
import org.shimwatch.shim.NativeShimException;

/** {@link NativeShim} backed by the real library through JNA. */
public final class JnaNativeShim implements NativeShim {

  /**
   * Snapshots grow while they are taken (other threads keep counting), so a retry gets this much
   * room on top of what the library asked for; and gives up after a few rounds rather than chase a
   * document that never stops growing.
   */
  private static final int HEADROOM = 4096;

  private static final int ATTEMPTS = 5;

  private final ShimwatchLibrary library;
  private final IntSupplier lastErrno;

  JnaNativeShim(ShimwatchLibrary library, IntSupplier lastErrno) {
    this.library = Objects.requireNonNull(library, "library");
    this.lastErrno = Objects.requireNonNull(lastErrno, "lastErrno");
  }

  /**
   * Loads {@code lib<libraryName>.so} from JNA's search path or the classpath.
   *
   * @throws UnsatisfiedLinkError when there is no such library or it lacks the shim's API
   */
  public static JnaNativeShim load(String libraryName) {
    ShimwatchLibrary library = Native.load(libraryName, ShimwatchLibrary.class);
    // Resolves the symbol now, so a library that is not the shim fails here, not later.
    library.shimwatch_version();
    return new JnaNativeShim(library, Native::getLastError);
  }

  @Override
  public boolean isLoaded() {
    return true;
  }

  @Override
  public Optional<String> version() {
    return Optional.of(library.shimwatch_version());
  }

  @Override
  public boolean isEnabled() {
    return library.shimwatch_enabled() != 0;
  }

  @Override
  public Optional<String> snapshotJson() {
    long needed = check("shimwatch_snapshot", library.shimwatch_snapshot(null, new NativeLong(0)));
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      byte[] buf = new byte[Math.toIntExact(needed + HEADROOM)];
      long length =
          check("shimwatch_snapshot", library.shimwatch_snapshot(buf, new NativeLong(buf.length)));
      if (length < buf.length) {
        return Optional.of(new String(buf, 0, (int) length, StandardCharsets.UTF_8));
      }
      needed = length;
    }
    throw new NativeShimException(
        "shimwatch_snapshot", 0, "the snapshot kept growing beyond its buffer");
  }

  @Override
  public void reset() {
    library.shimwatch_reset();
  }

  @Override
  public void flush() {
    if (library.shimwatch_flush() != 0) {
      int errno = lastErrno.getAsInt();
      throw new NativeShimException(
          "shimwatch_flush", errno, "could not write the snapshot file to the spool");
    }
  }

  private long check(String function, NativeLong result) {
    long value = result.longValue();
    if (value < 0) {
      throw new NativeShimException(function, lastErrno.getAsInt(), "returned " + value);
    }
    return value;
  }
}
