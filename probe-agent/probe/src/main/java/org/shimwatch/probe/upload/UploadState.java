package org.shimwatch.probe.upload;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.shimwatch.probe.AtomicFiles;

/**
 * What the sender remembers between runs ({@code status.properties}): when it last tried and
 * succeeded, the last error in plain words, how many attempts failed in a row and when it may try
 * again. Unreadable content is treated as no state (it only delays nothing).
 *
 * @param lastAttemptAt the last attempt, or {@code null}
 * @param lastSuccessAt the last report the server took, or {@code null}
 * @param lastError the last error in plain words, or {@code null} when the last attempt worked
 * @param lastErrorAt when it happened, or {@code null}
 * @param failures consecutive failed attempts
 * @param nextAttemptAt no automatic attempt before this, or {@code null}
 * @param serverWaitUntil the server asked for no attempt before this (a busy answer: its {@code
 *     Retry-After}, else the backoff), or {@code null}. Unlike {@code nextAttemptAt}, which a new
 *     report or {@code submit --pending} may override, no command posts before it: a crowd of
 *     probes must not hammer a server that asked them to wait.
 */
public record UploadState(
    Instant lastAttemptAt,
    Instant lastSuccessAt,
    String lastError,
    Instant lastErrorAt,
    int failures,
    Instant nextAttemptAt,
    Instant serverWaitUntil) {

  /** No attempt made yet. */
  public static UploadState initial() {
    return new UploadState(null, null, null, null, 0, null, null);
  }

  /** The state stored in {@code file}, or {@link #initial()}. */
  public static UploadState load(Path file) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      return initial();
    }
    int failures;
    try {
      failures = Math.max(0, Integer.parseInt(p.getProperty("failures", "0").strip()));
    } catch (NumberFormatException e) {
      failures = 0;
    }
    return new UploadState(
        instant(p, "lastAttemptAt"),
        instant(p, "lastSuccessAt"),
        p.getProperty("lastError"),
        instant(p, "lastErrorAt"),
        failures,
        instant(p, "nextAttemptAt"),
        instant(p, "serverWaitUntil"));
  }

  /** Writes the state atomically. */
  public void save(Path file) throws IOException {
    Properties p = new Properties();
    put(p, "lastAttemptAt", lastAttemptAt);
    put(p, "lastSuccessAt", lastSuccessAt);
    if (lastError != null) {
      p.setProperty("lastError", lastError);
    }
    put(p, "lastErrorAt", lastErrorAt);
    p.setProperty("failures", Integer.toString(failures));
    put(p, "nextAttemptAt", nextAttemptAt);
    put(p, "serverWaitUntil", serverWaitUntil);
    StringWriter w = new StringWriter();
    p.store(w, "Shimwatch upload status; shimwatch status shows it");
    AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the server asked this probe to wait and the time it gave has not passed. */
  public boolean serverAsksToWait(Instant now) {
    return serverWaitUntil != null && now.isBefore(serverWaitUntil);
  }

  UploadState attempted(Instant at) {
    return new UploadState(
        at, lastSuccessAt, lastError, lastErrorAt, failures, nextAttemptAt, serverWaitUntil);
  }

  UploadState succeeded(Instant at) {
    return new UploadState(lastAttemptAt, at, null, null, 0, null, null);
  }

  UploadState failed(Instant at, String error, Instant next) {
    return new UploadState(lastAttemptAt, lastSuccessAt, error, at, failures + 1, next, null);
  }

  /** A failure where the server itself said to wait until {@code next} (busy, rate limited). */
  UploadState toldToWait(Instant at, String error, Instant next) {
    return new UploadState(lastAttemptAt, lastSuccessAt, error, at, failures + 1, next, next);
  }

  /** The same state with a report-level error noted (a rejection), the sender still healthy. */
  public UploadState noted(Instant at, String error) {
    return new UploadState(
        lastAttemptAt, lastSuccessAt, error, at, failures, nextAttemptAt, serverWaitUntil);
  }

  private static void put(Properties p, String key, Instant value) {
    if (value != null) {
      p.setProperty(key, value.toString());
    }
  }

  private static Instant instant(Properties p, String key) {
    String v = p.getProperty(key);
    try {
      return v == null ? null : Instant.parse(v.strip());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
