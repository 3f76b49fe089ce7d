package org.shimwatch.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Writes files so that a reader, or a process that starts after a crash, sees either the old file
 * or the whole new one: the bytes go to a temporary file in the same directory, which is forced to
 * disk and then renamed over the target; the directory is forced too, so the rename itself survives
 * a power cut. Temporary files start with {@value #TEMP_PREFIX}; readers ignore them.
 */
public final class AtomicFiles {

  /** Prefix of temporary files; a reader that lists a directory skips names starting with it. */
  public static final String TEMP_PREFIX = ".tmp-";

  /** Owner read and write only: consent, secrets and reports are nobody else's business. */
  public static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");

  private static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target} atomically, readable by the owner only. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    createPrivateDirectories(dir);
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
    try {
      try (FileChannel ch =
          FileChannel.open(
              temp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PRIVATE_FILE))) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(dir);
  }

  /**
   * Renames {@code from} to {@code to} atomically (both in the same file system), replacing {@code
   * to}, and forces the directories involved.
   */
  public static void move(Path from, Path to) throws IOException {
    createPrivateDirectories(to.toAbsolutePath().getParent());
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + from + " to " + to + " atomically", e);
    }
    forceDirectory(to.toAbsolutePath().getParent());
    Path fromDir = from.toAbsolutePath().getParent();
    if (!fromDir.equals(to.toAbsolutePath().getParent())) {
      forceDirectory(fromDir);
    }
  }

  /** Creates a directory and its missing parents with owner-only permissions. */
  public static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    // On Linux a directory opened for reading can be fsync'ed; this makes a rename durable.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse fsync on directories; the rename is still atomic there.
    }
  }
}
