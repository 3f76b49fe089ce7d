package org.shimwatch.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.shim.NativeShim;
import org.shimwatch.shim.NativeShimLoader;
import org.shimwatch.shim.UnavailableNativeShim;

/**
 * The shim preloaded into this process, if any. JNA is pointed at the very file named in {@code
 * LD_PRELOAD}, so the dynamic linker hands back the copy already loaded, and the counters read are
 * those of the calls this process made; loading another copy would read counters nothing records.
 */
public final class PreloadedShim {

  private PreloadedShim() {}

  /** The shim library named in {@code LD_PRELOAD}, if one is. */
  public static Optional<Path> find(Map<String, String> env) {
    String preload = env.get("LD_PRELOAD");
    if (preload == null) {
      return Optional.empty();
    }
    for (String entry : preload.split("[:\\s]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry);
      Path name = p.getFileName();
      if (name != null && name.toString().startsWith("libshimwatch") && Files.isRegularFile(p)) {
        return Optional.of(p.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** The preloaded shim through JNA, or a shim that is not loaded (saying why); never throws. */
  public static NativeShim load(Map<String, String> env) {
    Optional<Path> lib = find(env);
    if (lib.isEmpty()) {
      return new UnavailableNativeShim("the shim is not preloaded (LD_PRELOAD)");
    }
    return NativeShimLoader.load(lib.get().toString());
  }
}
