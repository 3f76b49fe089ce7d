package org.shimwatch.probe.run;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the {@code shimwatch} launcher hands over about a client run it started itself, read from
 * {@code runs/<id>.run} in the state directory: written once the client has ended, so a record
 * waiting there always describes a finished run whose report is still to be made.
 *
 * <p>The file is lines of {@code name=value}, values without line breaks (the launcher leaves any
 * run whose arguments hold one to the Java {@code run}); {@code arg} repeats, once per word of the
 * command. Names: {@code version} (1), {@code started} and {@code ended} (milliseconds since the
 * epoch), {@code status} (the client's exit status), {@code spool} (at level 2 and up), and
 * optionally {@code outcome}, {@code comment}, {@code client-name}, {@code client-version}, {@code
 * server}, {@code key}, {@code project}, {@code config}, {@code no-send}, and {@code report-id},
 * which the finisher adds before it queues the run's report, so that a finisher killed after
 * queuing leaves the next one the same id (the server keeps one report per id). Unknown names are
 * ignored, so a newer launcher's extra facts do not lose the run.
 *
 * @param startedMs when the client started, milliseconds since the epoch
 * @param endedMs when it ended
 * @param exitStatus its exit status
 * @param spool the shim's spool directory, or {@code null} (level 1)
 * @param outcome the outcome given or answered, or {@code null}
 * @param comment the comment, or {@code null}
 * @param clientName the client's name as given, or {@code null}
 * @param clientVersion the client's version as given, or {@code null}
 * @param server {@code --server}, or {@code null}
 * @param key {@code --key}, or {@code null}
 * @param project {@code --project}, or {@code null}
 * @param config {@code --config}, or {@code null}
 * @param noSend whether {@code --no-send} was given
 * @param command the client's command line
 * @param reportId the id of the run's report once a finisher chose it, or {@code null}
 */
public record RunRecord(
    long startedMs,
    long endedMs,
    int exitStatus,
    Path spool,
    String outcome,
    String comment,
    String clientName,
    String clientVersion,
    String server,
    String key,
    String project,
    Path config,
    boolean noSend,
    List<String> command,
    UUID reportId) {

  private static final String REPORT_ID = "report-id";

  /** The file name suffix of a run record. */
  public static final String SUFFIX = ".run";

  /** The run's wall time in milliseconds (never negative). */
  public long durationMs() {
    return Math.max(0, endedMs - startedMs);
  }

  /**
   * Reads a record; the bytes are decoded as the JVM decodes its command line, since they are the
   * launcher's arguments written out.
   *
   * @throws IOException when the content is not a record
   */
  public static RunRecord parse(byte[] content) throws IOException {
    return parse(content, null);
  }

  /**
   * Reads a record, or the {@link LiveRun live file} of a run whose launcher has gone: with {@code
   * endedFallbackMs} given, a record without {@code ended} ends then, and one without {@code
   * status} has status -1 (not known).
   *
   * @throws IOException when the content is not a record
   */
  public static RunRecord parse(byte[] content, Long endedFallbackMs) throws IOException {
    String text = new String(content, argumentCharset());
    if (!text.endsWith("\n")) {
      throw new IOException("incomplete run record (no final line break)");
    }
    Long started = null;
    Long ended = null;
    Integer status = null;
    String version = null;
    Path spool = null;
    String outcome = null;
    String comment = null;
    String clientName = null;
    String clientVersion = null;
    String server = null;
    String key = null;
    String project = null;
    Path config = null;
    boolean noSend = false;
    List<String> command = new ArrayList<>();
    UUID reportId = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 1) {
        throw new IOException("not a run record line: " + line);
      }
      String name = line.substring(0, eq);
      String value = line.substring(eq + 1);
      try {
        switch (name) {
          case "version" -> version = value;
          case "started" -> started = Long.parseLong(value);
          case "ended" -> ended = Long.parseLong(value);
          case "status" -> status = Integer.parseInt(value);
          case "spool" -> spool = value.isEmpty() ? null : Path.of(value);
          case "outcome" -> outcome = nonEmpty(value);
          case "comment" -> comment = nonEmpty(value);
          case "client-name" -> clientName = nonEmpty(value);
          case "client-version" -> clientVersion = nonEmpty(value);
          case "server" -> server = nonEmpty(value);
          case "key" -> key = nonEmpty(value);
          case "project" -> project = nonEmpty(value);
          case "config" -> config = value.isEmpty() ? null : Path.of(value);
          case "no-send" -> noSend = value.equals("1");
          case "arg" -> command.add(value);
          case REPORT_ID -> reportId = UUID.fromString(value);
          default -> {
            // A newer launcher's fact: not needed for the report.
          }
        }
      } catch (RuntimeException e) {
        throw new IOException("bad value in run record line: " + line);
      }
    }
    if (endedFallbackMs != null) {
      ended = ended != null ? ended : Math.max(endedFallbackMs, started != null ? started : 0);
      status = status != null ? status : -1;
    }
    if (!"1".equals(version)) {
      throw new IOException("run record version " + version + " is not 1");
    }
    if (started == null || ended == null || status == null || command.isEmpty()) {
      throw new IOException("run record without started, ended, status or command");
    }
    return new RunRecord(
        started,
        ended,
        status,
        spool,
        outcome,
        comment,
        clientName,
        clientVersion,
        server,
        key,
        project,
        config,
        noSend,
        List.copyOf(command),
        reportId);
  }

  /** The line a finisher appends to give the run's report its id. */
  public static String reportIdLine(UUID id) {
    return REPORT_ID + "=" + id + "\n";
  }

  private static String nonEmpty(String v) {
    return v.isEmpty() ? null : v;
  }

  private static Charset argumentCharset() {
    String jnu = System.getProperty("sun.jnu.encoding");
    try {
      return jnu == null ? Charset.defaultCharset() : Charset.forName(jnu);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
