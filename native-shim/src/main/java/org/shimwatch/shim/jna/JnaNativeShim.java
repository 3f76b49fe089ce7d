package org.shimwatch.shim.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.shimwatch.shim.NativeShim;
import org.shimwatch.shim.NativeShimException;
import org.shimwatch.shim.SelfTestInfo;

/** {@link NativeShim} backed by the real library through JNA. */
public final class JnaNativeShim implements NativeShim {

  /**
   * Snapshots grow while they are taken (other threads keep counting), so a retry gets this much
   * room on top of what the library asked for; and gives up after a few rounds rather than chase a
   * document that never stops growing.
   */
  private static final int HEADROOM = 4096;

  private static final int ATTEMPTS = 5;

  /**
   * SHIMWATCH_SELFTEST_JSON_MAX: a buffer this large always holds a self-test result, which matters
   * because running a check again to get a longer result would run the check again.
   */
  static final int SELFTEST_JSON_MAX = 8192;

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

  @Override
  public List<SelfTestInfo> selfTests() {
    int count = library.shimwatch_selftest_count();
    List<SelfTestInfo> tests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tests.add(
          new SelfTestInfo(
              library.shimwatch_selftest_id(i),
              library.shimwatch_selftest_title(i),
              Duration.ofMillis(library.shimwatch_selftest_budget_ms(i))));
    }
    return List.copyOf(tests);
  }

  @Override
  public String runSelfTest(String id) {
    Objects.requireNonNull(id, "id");
    int count = library.shimwatch_selftest_count();
    for (int i = 0; i < count; i++) {
      if (!id.equals(library.shimwatch_selftest_id(i))) {
        continue;
      }
      byte[] buf = new byte[SELFTEST_JSON_MAX];
      int length = library.shimwatch_selftest_run(i, buf, new NativeLong(buf.length));
      if (length < 0) {
        throw new NativeShimException(
            "shimwatch_selftest_run", lastErrno.getAsInt(), "could not run " + id);
      }
      if (length >= buf.length) {
        throw new NativeShimException(
            "shimwatch_selftest_run", 0, "the result of " + id + " is longer than " + buf.length);
      }
      return new String(buf, 0, length, StandardCharsets.UTF_8);
    }
    throw new IllegalArgumentException("no such self-test: " + id);
  }

  private long check(String function, NativeLong result) {
    long value = result.longValue();
    if (value < 0) {
      throw new NativeShimException(function, lastErrno.getAsInt(), "returned " + value);
    }
    return value;
  }
}
