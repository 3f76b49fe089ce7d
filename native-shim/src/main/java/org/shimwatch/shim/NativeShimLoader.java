package org.shimwatch.shim;

import org.shimwatch.shim.jna.JnaNativeShim;

/** Loads the native library through JNA, or falls back to a no-op; never throws. */
public final class NativeShimLoader {

  private NativeShimLoader() {}

  /** The library from the classpath (or JNA's usual search path), or the no-op fallback. */
  public static NativeShim load() {
    return load(NativeShim.LIBRARY_NAME);
  }

  static NativeShim load(String libraryName) {
    try {
      return JnaNativeShim.load(libraryName);
    } catch (LinkageError | RuntimeException e) {
      // UnsatisfiedLinkError (no library for this platform), NoClassDefFoundError (no JNA on
      // the classpath) or a library that is not ours: the probe carries on without it.
      return new UnavailableNativeShim(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
