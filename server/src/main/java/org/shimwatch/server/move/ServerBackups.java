package org.shimwatch.server.move;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

/**
 * Backups of the embedded H2 database into {@code <data>/backups/}, made while the server runs.
 *
 * <p>H2's {@code BACKUP TO} copies the database file into a zip while the store stays open: it is
 * transactionally consistent (the copy is of one committed state, reports that commit meanwhile are
 * either wholly in it or not at all) and as fast as copying the file; a restore is unzipping it
 * into an empty data folder, with the same row ids and counters. {@code SCRIPT TO} was the other
 * choice: portable SQL, but as slow to restore as re-inserting every row and rebuilding every
 * index, and tied to running it into an empty database. Moving to another database is the project
 * export's job. On PostgreSQL the database has its own tools ({@code pg_dump -Fc}).
 */
@Service
public class ServerBackups {

  private static final Logger log = LoggerFactory.getLogger(ServerBackups.class);

  /** Names of backups this server made; nothing else in the folder is listed or served. */
  static final Pattern NAME = Pattern.compile("shimwatch-backup-\\d{8}-\\d{6}Z(-\\d{1,3})?\\.zip");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final DataSource dataSource;
  private final Path folder;
  private final Clock clock;

  ServerBackups(DataSource dataSource, ShimwatchProperties properties, Clock clock) {
    this.dataSource = dataSource;
    this.folder = Path.of(properties.dataDir()).toAbsolutePath().normalize().resolve("backups");
    this.clock = clock;
  }

  /**
   * One backup file.
   *
   * @param name file name in the backups folder
   * @param bytes its size
   * @param sha256 SHA-256 of its bytes, hex
   * @param createdAt when it was made
   */
  public record Backup(String name, long bytes, String sha256, Instant createdAt) {}

  /** Makes a backup now. */
  public Backup backup() {
    Connection c = DataSourceUtils.getConnection(dataSource);
    try {
      requireH2(c);
      Files.createDirectories(folder);
      Instant now = clock.instant();
      String base = "shimwatch-backup-" + STAMP.format(now);
      Path target = folder.resolve(base + ".zip");
      for (int i = 2; Files.exists(target) && i < 1000; i++) {
        target = folder.resolve(base + "-" + i + ".zip");
      }
      Path partial = folder.resolve(target.getFileName() + ".partial");
      Files.deleteIfExists(partial);
      long t0 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        // The path is this server's own folder and a name it made: no quote can be in it.
        s.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
      }
      String sha = sha256(partial);
      Files.writeString(
          folder.resolve(target.getFileName() + ".sha256"),
          sha + "  " + target.getFileName() + "\n",
          StandardCharsets.US_ASCII);
      move(partial, target);
      Backup b = new Backup(target.getFileName().toString(), Files.size(target), sha, now);
      log.info(
          "backup: {} ({} bytes) written in {} ms",
          b.name(),
          b.bytes(),
          (System.nanoTime() - t0) / 1_000_000);
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a backup into " + folder, e);
    } catch (SQLException e) {
      throw new IllegalStateException("H2 could not write the backup: " + e.getMessage(), e);
    } finally {
      DataSourceUtils.releaseConnection(c, dataSource);
    }
  }

  /** The backups in the folder, newest first. */
  public List<Backup> list() {
    List<Backup> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (NAME.matcher(name).matches() && Files.isRegularFile(p)) {
          found.add(
              new Backup(
                  name, Files.size(p), checksum(p), Files.getLastModifiedTime(p).toInstant()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(Comparator.comparing(Backup::name).reversed());
    return found;
  }

  /** The file of a backup this server made, for download. */
  public Path file(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new NotFound("backup-not-found", "no backup named '" + name + "'");
    }
    Path p = folder.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new NotFound("backup-not-found", "no backup named '" + name + "'");
    }
    return p;
  }

  private String checksum(Path zip) throws IOException {
    Path side = zip.resolveSibling(zip.getFileName() + ".sha256");
    if (Files.isRegularFile(side)) {
      String text = Files.readString(side, StandardCharsets.US_ASCII).strip();
      int space = text.indexOf(' ');
      return space > 0 ? text.substring(0, space) : text;
    }
    return sha256(zip);
  }

  private static void requireH2(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    if (!"H2".equalsIgnoreCase(product)) {
      throw new ChangeRefused(
          "backup-not-on-h2",
          "This server keeps its data in "
              + product
              + ", not in its embedded H2 database: back it up with the database's own tools,"
              + " e.g. pg_dump -Fc -f shimwatch.dump <database>, and restore with pg_restore"
              + " (see the README's Deploy section).");
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
