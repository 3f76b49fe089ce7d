package org.shimwatch.probe.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.shimwatch.probe.AtomicFiles;
import org.shimwatch.shim.NativeShim;

/**
 * The shim library as a file for {@code LD_PRELOAD}: extracted once from the jar (resource {@value
 * NativeShim#LIBRARY_RESOURCE}) to {@code cache/<sha-256>/libshimwatch.so}, and checked against the
 * resource's SHA-256 before every use, so a damaged or replaced file is never preloaded into a
 * client. The file keeps its own name so that trap frames in it are recognized as the shim's.
 */
public final class ShimLibraryCache {

  /** The library's file name, as trap records name its frames. */
  public static final String FILE_NAME = "libshimwatch.so";

  private final Path cacheDir;

  public ShimLibraryCache(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /**
   * The path of the checked library, extracting it first if needed.
   *
   * @throws IOException when the jar has no library for this platform or it cannot be written
   */
  public Path library() throws IOException {
    byte[] resource = resourceBytes();
    String sum = sha256(resource);
    Path file = cacheDir.resolve(sum).resolve(FILE_NAME);
    try {
      if (sha256(Files.readAllBytes(file)).equals(sum)) {
        return file;
      }
    } catch (NoSuchFileException e) {
      // Not extracted yet.
    }
    AtomicFiles.write(file, resource);
    if (!sha256(Files.readAllBytes(file)).equals(sum)) {
      throw new IOException(file + " does not match the library in the jar after writing it");
    }
    return file;
  }

  private static byte[] resourceBytes() throws IOException {
    try (InputStream in =
        NativeShim.class.getClassLoader().getResourceAsStream(NativeShim.LIBRARY_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "this build has no shim library for linux-x86-64 ("
                + NativeShim.LIBRARY_RESOURCE
                + ")");
      }
      return in.readAllBytes();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
