package org.shimwatch.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.shimwatch.server.maintainer.Maintainer;
import org.shimwatch.server.maintainer.MaintainerRepository;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.project.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start of an empty database: creates the first account ({@code admin}, a server
 * owner) and the default project with one ingest key, and prints the key once, in lines that can be
 * copied as they are. A generated password never goes to the log (logs are shipped, kept and read
 * by others): it is written to {@value #PASSWORD_FILE} in the data folder, readable only by the
 * server's own user, and the log line says where.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

  static final String ADMIN = "admin";
  static final String DEFAULT_PROJECT = "default";
  static final String PASSWORD_FILE = "first-owner-password";

  private final ProjectService projects;
  private final MaintainerRepository maintainers;
  private final PasswordEncoder encoder;
  private final ShimwatchProperties properties;
  private final Clock clock;

  FirstStart(
      ProjectService projects,
      MaintainerRepository maintainers,
      PasswordEncoder encoder,
      ShimwatchProperties properties,
      Clock clock) {
    this.projects = projects;
    this.maintainers = maintainers;
    this.encoder = encoder;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (maintainers.count() == 0) {
      boolean given = !properties.adminPassword().isBlank();
      String password = given ? properties.adminPassword() : Secrets.newKey("").substring(0, 24);
      Path file = given ? null : writePasswordFile(password);
      maintainers.save(new Maintainer(ADMIN, encoder.encode(password), clock.instant()));
      if (given) {
        log.info("Created maintainer '{}' with the password from SHIMWATCH_ADMIN_PASSWORD", ADMIN);
      } else {
        log.info(
            "Created maintainer '{}'; its password is in {} (readable only by this server's user):"
                + " sign in, change it, then delete the file",
            ADMIN,
            file);
      }
    }
    if (!projects.anyProject()) {
      projects.create(DEFAULT_PROJECT, "Default project");
      String wanted = properties.bootstrapKey().isBlank() ? null : properties.bootstrapKey();
      var created = projects.createKey(DEFAULT_PROJECT, "first key", wanted);
      log.info(
          "Created project '{}' with ingest key {} — probes use it as: SHIMWATCH_SERVER=<this"
              + " server's URL> SHIMWATCH_KEY={} shimwatch run -- <client>",
          DEFAULT_PROJECT,
          created.plainKey(),
          created.plainKey());
    }
  }

  /**
   * Writes the password to a file only the server's user may read, atomically: it is made with its
   * permissions under a temporary name, forced to disk, then renamed, so no other user can open it
   * in between and a crash never leaves half a password.
   */
  private Path writePasswordFile(String password) {
    Path dir = Path.of(properties.dataDir()).toAbsolutePath().normalize();
    Path file = dir.resolve(PASSWORD_FILE);
    Path temp = dir.resolve(PASSWORD_FILE + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(temp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(temp);
      }
      Files.write(
          temp,
          (password + "\n").getBytes(StandardCharsets.US_ASCII),
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.SYNC);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the first maintainer's password to "
              + file
              + " (set SHIMWATCH_ADMIN_PASSWORD to choose it instead): "
              + e.getMessage(),
          e);
    }
  }
}
