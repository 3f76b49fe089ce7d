package org.shimwatch.shim;

/** Loads the native library through JNA, or falls back to a no-op; never throws. */
public final class NativeShimLoader {

  private NativeShimLoader() {}

  /** The library from the classpath (or JNA's usual search path), or the no-op fallback. */
  public static NativeShim load() {
    return load(NativeShim.LIBRARY_NAME);
  }

  /**
   * The library of that name (JNA's search path, the classpath) or at that absolute path, or the
   * no-op fallback saying why not; never throws.
   */
  public static NativeShim load(String libraryName) {
    try {
      return JnaIsolation.call(
          "org.shimwatch.shim.jna.JnaNativeShim", "load", NativeShim.class, libraryName);
    } catch (LinkageError | RuntimeException e) {
      // UnsatisfiedLinkError (no library for this platform), NoClassDefFoundError (no JNA on
      // the classpath) or a library that is not ours: the probe carries on without it.
      return new UnavailableNativeShim(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
