package org.shimwatch.probe.consent;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.shimwatch.probe.AtomicFiles;
import org.shimwatch.report.IngestProtocol;

/**
 * Keeps the user's consent in {@code consent.properties} (mode 0600): {@code level}, {@code
 * installationId} and {@code installationSecret}. Reading never creates anything, so a probe at
 * level 0 leaves no trace on disk.
 */
public final class ConsentStore {

  /** Random bytes in a new installation secret: 256 bits, as base64url 43 characters. */
  static final int SECRET_BYTES = 32;

  private static final Pattern SECRET =
      Pattern.compile(
          "[A-Za-z0-9_-]{"
              + IngestProtocol.SECRET_MIN_LENGTH
              + ","
              + IngestProtocol.SECRET_MAX_LENGTH
              + "}");

  private static final Set<String> KEYS = Set.of("level", "installationId", "installationSecret");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;

  public ConsentStore(Path file) {
    this.file = file;
  }

  /** The file this store reads and writes. */
  public Path file() {
    return file;
  }

  /**
   * The stored consent; {@link Consent#none()} when there is no file.
   *
   * @throws ConsentFileException when the file exists but cannot be read or makes no sense
   */
  public Consent load() throws ConsentFileException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Consent.none();
    } catch (IOException e) {
      throw new ConsentFileException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConsentFileException(file + ": not a properties file (" + e.getMessage() + ")");
    }
    for (String key : p.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw new ConsentFileException(
            file
                + ": unknown setting '"
                + key
                + "' (expected level, installationId, installationSecret)");
      }
    }
    String levelText = p.getProperty("level", "0").strip();
    ConsentLevel level;
    try {
      level = ConsentLevel.of(Integer.parseInt(levelText));
    } catch (IllegalArgumentException e) {
      throw new ConsentFileException(
          file
              + ": level '"
              + levelText
              + "' is not 0, 1, 2 or 3; set it with shimwatch consent --level N");
    }
    String id = p.getProperty("installationId");
    String secret = p.getProperty("installationSecret");
    if (id == null && secret == null) {
      if (level != ConsentLevel.NONE) {
        throw new ConsentFileException(
            file
                + ": level "
                + level.number()
                + " without an installation id; run shimwatch consent --level "
                + level.number()
                + " again");
      }
      return Consent.none();
    }
    UUID installation;
    try {
      installation = UUID.fromString(id == null ? "" : id.strip());
    } catch (IllegalArgumentException e) {
      throw new ConsentFileException(file + ": installationId '" + id + "' is not a UUID");
    }
    if (secret == null || !SECRET.matcher(secret.strip()).matches()) {
      throw new ConsentFileException(
          file
              + ": installationSecret is missing or not 16 to 128 characters of A-Z, a-z, 0-9, - and _");
    }
    return new Consent(level, installation, secret.strip());
  }

  /**
   * Sets the level. The first opt-in above 0 makes the installation's random id and secret; later
   * changes keep them, so that {@code shimwatch forget} can still delete what was sent.
   *
   * @return the consent now stored
   */
  public Consent setLevel(ConsentLevel level) throws ConsentFileException, IOException {
    Consent current = load();
    Consent next;
    if (current.hasInstallation()) {
      next = new Consent(level, current.installationId(), current.installationSecret());
    } else if (level == ConsentLevel.NONE) {
      // Saying no before ever saying yes needs no file at all.
      return Consent.none();
    } else {
      next = new Consent(level, UUID.randomUUID(), newSecret());
    }
    save(next);
    return next;
  }

  /** Deletes the stored consent: back to level 0 with no installation. */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  private void save(Consent c) throws IOException {
    Properties p = new Properties();
    p.setProperty("level", Integer.toString(c.level().number()));
    if (c.hasInstallation()) {
      p.setProperty("installationId", c.installationId().toString());
      p.setProperty("installationSecret", c.installationSecret());
    }
    StringWriter w = new StringWriter();
    try {
      p.store(w, "Shimwatch consent; change it with: shimwatch consent --level N");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A new installation secret: 32 random bytes, base64url without padding. */
  static String newSecret() {
    byte[] b = new byte[SECRET_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
