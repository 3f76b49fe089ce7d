package org.shimwatch.shim;

import java.util.List;
import java.util.Optional;

/**
 * The shim library's C API as seen from Java: the counters of the process it is loaded in.
 *
 * <p>Obtain one with {@link NativeShimLoader#load()}, which never throws: when the library cannot
 * be loaded (another platform, a stripped jar, no JNA) it returns a no-op implementation whose
 * {@link #isLoaded()} is {@code false}. Loaded into a JVM through JNA the library does not
 * interpose the JVM's own calls (only {@code LD_PRELOAD} does that) and keeps its trap handlers
 * off, because HotSpot uses {@code SIGSEGV} itself.
 *
 * <p>Methods that reach the library throw {@link NativeShimException} when it reports an error.
 */
public interface NativeShim {

  /** Classpath resource of the library, where JNA looks for it and where the CLI extracts it. */
  String LIBRARY_RESOURCE = "linux-x86-64/libshimwatch.so";

  /** Library name as JNA resolves it ({@code lib<name>.so}). */
  String LIBRARY_NAME = "shimwatch";

  /** Whether the native library is loaded; {@code false} for the no-op fallback. */
  boolean isLoaded();

  /** Version of the native library ({@code MAJOR.MINOR.PATCH}), empty when not loaded. */
  Optional<String> version();

  /**
   * Whether the library records calls; {@code false} when {@code SHIMWATCH_DISABLE=1} made it a
   * pass-through, or when it is not loaded.
   */
  boolean isEnabled();

  /**
   * The current snapshot document (format {@code shimwatch-snapshot}, described in {@code
   * shimwatch.h}), empty when not loaded.
   */
  Optional<String> snapshotJson();

  /** Zeroes every counter and starts a new measurement period; does nothing when not loaded. */
  void reset();

  /**
   * Writes the snapshot file to the spool directory now; does nothing when not loaded.
   *
   * @throws NativeShimException when the file cannot be written or the shim is disabled
   */
  void flush();

  /**
   * The stack self-tests, in the order they are meant to run. When not loaded: {@link
   * SelfTestInfo#BUILT_IN}, each of which then runs as {@code skipped}. {@link SelfTestBattery}
   * runs them all within a deadline.
   */
  List<SelfTestInfo> selfTests();

  /**
   * Runs one self-test in this process, in the calling thread, and returns its result: one JSON
   * object in the report contract's {@code selfTest} shape (see {@link SelfTestBattery}). Blocks
   * for up to the check's {@link SelfTestInfo#budget() budget}. When not loaded, the result is
   * {@code skipped} with the summary "the shim library could not be loaded: <reason>".
   *
   * @throws IllegalArgumentException when {@code id} is not one of {@link #selfTests()}
   * @throws NativeShimException when the library reports an error
   */
  String runSelfTest(String id);
}
