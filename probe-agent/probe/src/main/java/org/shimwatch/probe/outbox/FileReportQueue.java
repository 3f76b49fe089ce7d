package org.shimwatch.probe.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.probe.AtomicFiles;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;

/**
 * The durable outbox: every report is checked against contract v1 and written atomically (temp
 * file, fsync, rename) before anything tries to send it, so a process killed at any instant leaves
 * either a whole valid report or none — never half of one that is later sent. That check, when a
 * report is queued, is the only one a report gets on the probe's side (the server checks again);
 * reading the outbox back only reads.
 *
 * <p>A report waits in {@code outbox/} as the exact bytes that will be posted, named {@code
 * <microseconds since the epoch>-<report id>.json} so that names sort oldest first. Once the server
 * has it, it moves to {@code sent/} beside its receipt; when the server refuses it for good, to
 * {@code rejected/} beside the server's reason. The outbox is bounded by {@link OutboxLimits}; what
 * the limits drop is recorded in {@code dropped.log}.
 *
 * <p>Files that are not the queue's own (other names, temporary files of a write that never
 * finished) are ignored; a queue file that is not a valid report is listed as a problem, never sent
 * and never changed.
 */
public final class FileReportQueue {

  /** Most reports kept in {@code sent/} for {@code shimwatch history}; older ones are removed. */
  static final int SENT_KEPT = 200;

  /** Most reports kept in {@code rejected/}. */
  static final int REJECTED_KEPT = 100;

  /**
   * Temporary files older than this are leftovers of a killed writer (a write takes milliseconds)
   * and are removed.
   */
  static final Duration STALE_TEMP = Duration.ofHours(1);

  private static final Pattern NAME =
      Pattern.compile(
          "(\\d{16})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.json");

  private static final String RECEIPT_SUFFIX = ".receipt.json";
  private static final String REASON_SUFFIX = ".reason.json";

  private final StateDirectory dir;
  private final OutboxLimits limits;
  private final Clock clock;

  public FileReportQueue(StateDirectory dir, OutboxLimits limits, Clock clock) {
    this.dir = dir;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * A report waiting to be sent.
   *
   * @param file its file in the outbox
   * @param report the report
   * @param body the exact bytes that will be posted
   * @param queuedAt when it was queued
   */
  public record QueuedReport(Path file, Report report, byte[] body, Instant queuedAt) {}

  /**
   * A file in the outbox that cannot be sent, and why.
   *
   * @param file the file
   * @param message what is wrong with it
   */
  public record Problem(Path file, String message) {}

  /**
   * The outbox's content.
   *
   * @param reports valid reports, oldest first
   * @param problems queue files that are not valid reports; left alone
   */
  public record Listing(List<QueuedReport> reports, List<Problem> problems) {}

  /**
   * A report in the archive of sent or rejected reports.
   *
   * @param file the report's file
   * @param queuedAt when it was queued
   * @param report the report, or {@code null} when the file cannot be read
   * @param receipt the server's receipt (sent reports), or {@code null}
   * @param status the HTTP status of the refusal (rejected reports), or 0
   * @param reason the server's reason (rejected reports), or {@code null}
   * @param at when it was sent or rejected, or {@code null}
   */
  public record ArchivedReport(
      Path file,
      Instant queuedAt,
      Report report,
      Receipt receipt,
      int status,
      String reason,
      Instant at) {}

  /**
   * A report as the outbox holds it.
   *
   * @param report the report, as read back from its bytes
   * @param body the exact bytes that are posted
   */
  public record Checked(Report report, byte[] body) {}

  /**
   * Writes the report as the bytes that would be posted and checks those bytes against contract v1:
   * the one check a report gets on the probe's side. {@link #enqueue} queues what passes; {@code
   * shimwatch preview} shows it without queuing it.
   *
   * @throws InvalidReportException when the report is not valid
   */
  public static Checked check(Report report) throws InvalidReportException {
    byte[] body = ReportJson.write(report).getBytes(StandardCharsets.UTF_8);
    return new Checked(ReportValidator.instance().parse(body), body);
  }

  /**
   * Checks the report against the contract and writes it to the outbox, then applies the limits.
   *
   * @return the queued report
   * @throws InvalidReportException when the report is not valid; nothing is written
   * @throws IOException when it cannot be written; nothing is left half-written
   */
  public QueuedReport enqueue(Report report) throws InvalidReportException, IOException {
    Checked c = check(report);
    Report checked = c.report();
    byte[] body = c.body();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    Path file = dir.outbox().resolve(String.format("%016d-%s.json", micros, checked.reportId()));
    AtomicFiles.write(file, body);
    enforceLimits();
    return new QueuedReport(file, checked, body, now);
  }

  /** Valid reports waiting, oldest first, and the queue files that are not valid reports. */
  public Listing pending() {
    List<QueuedReport> reports = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path f : queueFiles(dir.outbox())) {
      Matcher m = NAME.matcher(f.getFileName().toString());
      m.matches();
      byte[] body;
      try {
        body = Files.readAllBytes(f);
      } catch (NoSuchFileException e) {
        continue; // sent or dropped by another process meanwhile
      } catch (IOException e) {
        problems.add(new Problem(f, "cannot be read (" + e.getMessage() + ")"));
        continue;
      }
      try {
        Report r = read(body);
        if (!r.reportId().toString().equals(m.group(2))) {
          problems.add(
              new Problem(f, "holds report " + r.reportId() + ", not the one its name says"));
          continue;
        }
        reports.add(new QueuedReport(f, r, body, queuedAt(m)));
      } catch (UnreadableReportException e) {
        problems.add(new Problem(f, "is not a valid report: " + e.getMessage()));
      }
    }
    return new Listing(reports, problems);
  }

  /** How many queue files wait (valid or not), without reading them. */
  public int size() {
    return queueFiles(dir.outbox()).size();
  }

  /** Moves a sent report to {@code sent/}, its receipt beside it (written first). */
  public void markSent(QueuedReport q, Receipt receipt) throws IOException {
    Path target = dir.sent().resolve(q.file().getFileName());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("reportId", receipt.reportId() == null ? null : receipt.reportId().toString());
    r.put("receivedAt", receipt.receivedAt() == null ? null : receipt.receivedAt().toString());
    r.put("duplicate", receipt.duplicate());
    r.put("sentAt", clock.instant().toString());
    if (!receipt.knownIssues().isEmpty()) {
      // Kept so that history shows them: an installed shimwatch sends in the background.
      r.put("knownIssues", receipt.knownIssues());
    }
    AtomicFiles.write(sidecar(target, RECEIPT_SUFFIX), ReportJson.mapper().writeValueAsBytes(r));
    // A crash between the two writes leaves the report queued: it is sent again, and the server
    // answers with the same receipt (the report id makes that idempotent).
    AtomicFiles.move(q.file(), target);
    trim(dir.sent(), SENT_KEPT, RECEIPT_SUFFIX);
  }

  /** Moves a refused report to {@code rejected/}, the server's reason beside it. */
  public void markRejected(QueuedReport q, int status, String reason) throws IOException {
    Path target = dir.rejected().resolve(q.file().getFileName());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("status", status);
    r.put("reason", reason);
    r.put("rejectedAt", clock.instant().toString());
    AtomicFiles.write(sidecar(target, REASON_SUFFIX), ReportJson.mapper().writeValueAsBytes(r));
    AtomicFiles.move(q.file(), target);
    trim(dir.rejected(), REJECTED_KEPT, REASON_SUFFIX);
  }

  /**
   * Removes waiting reports assembled at a consent level above {@code maxLevel} (the user lowered
   * their consent: what they no longer agree to send is not sent), recording each in {@code
   * dropped.log}.
   *
   * @return how many were removed
   */
  public int dropAboveLevel(int maxLevel) throws IOException {
    int n = 0;
    for (QueuedReport q : pending().reports()) {
      if (q.report().consentLevel() > maxLevel) {
        drop(q.file(), "consent lowered to level " + maxLevel);
        n++;
      }
    }
    return n;
  }

  /**
   * Removes every waiting report, recording each in {@code dropped.log}.
   *
   * @return how many were removed
   */
  public int dropAll(String why) throws IOException {
    int n = 0;
    for (Path f : queueFiles(dir.outbox())) {
      drop(f, why);
      n++;
    }
    return n;
  }

  /** Sent reports, oldest first. */
  public List<ArchivedReport> history() {
    return archive(dir.sent(), RECEIPT_SUFFIX);
  }

  /** Rejected reports, oldest first. */
  public List<ArchivedReport> rejected() {
    return archive(dir.rejected(), REASON_SUFFIX);
  }

  /** The lines of {@code dropped.log}, oldest first. */
  public List<String> droppedLog() {
    try {
      return Files.readAllLines(dir.droppedLog(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Removes temporary files that a killed writer left in the outbox long ago. */
  public int removeStaleTemporaryFiles() {
    int n = 0;
    Instant cutoff = clock.instant().minus(STALE_TEMP);
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(dir.outbox(), AtomicFiles.TEMP_PREFIX + "*")) {
      for (Path f : s) {
        try {
          if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(f);
            n++;
          }
        } catch (IOException e) {
          // Another process removed it, or it is not ours to remove: leave it.
        }
      }
    } catch (IOException e) {
      return n;
    }
    return n;
  }

  private void enforceLimits() throws IOException {
    List<Path> files = queueFiles(dir.outbox());
    Instant oldest = clock.instant().minus(limits.maxAge());
    List<Long> sizes = new ArrayList<>();
    long total = 0;
    for (Path f : files) {
      long size;
      try {
        size = Files.size(f);
      } catch (IOException e) {
        size = 0;
      }
      sizes.add(size);
      total += size;
    }
    int count = files.size();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      Matcher m = NAME.matcher(f.getFileName().toString());
      m.matches();
      String why = null;
      if (queuedAt(m).isBefore(oldest)) {
        why = "older than " + limits.maxAge().toDays() + " days";
      } else if (count > limits.maxReports()) {
        why = "more than " + limits.maxReports() + " reports waiting";
      } else if (total > limits.maxBytes() && count > 1) {
        why = "more than " + limits.maxBytes() / (1024 * 1024) + " MiB waiting";
      }
      if (why == null) {
        break; // oldest first: once one may stay, the newer ones may too
      }
      drop(f, why + " (outbox limit)");
      count--;
      total -= sizes.get(i);
    }
  }

  private void drop(Path f, String why) throws IOException {
    Matcher m = NAME.matcher(f.getFileName().toString());
    String line =
        clock.instant()
            + " dropped "
            + (m.matches() ? m.group(2) + " queued " + queuedAt(m) : f.getFileName())
            + ": "
            + why
            + "\n";
    AtomicFiles.createPrivateDirectories(dir.root());
    Files.writeString(
        dir.droppedLog(),
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Files.deleteIfExists(f);
  }

  private List<ArchivedReport> archive(Path d, String suffix) {
    List<ArchivedReport> out = new ArrayList<>();
    for (Path f : queueFiles(d)) {
      Matcher m = NAME.matcher(f.getFileName().toString());
      m.matches();
      Report report = null;
      try {
        report = read(Files.readAllBytes(f));
      } catch (IOException | UnreadableReportException e) {
        // Shown as unreadable in the history; nothing to repair.
      }
      Receipt receipt = null;
      int status = 0;
      String reason = null;
      Instant at = null;
      try {
        JsonNode s = ReportJson.mapper().readTree(Files.readAllBytes(sidecar(f, suffix)));
        if (suffix.equals(RECEIPT_SUFFIX)) {
          receipt =
              new Receipt(
                  uuid(s.path("reportId").asString(null)),
                  instant(s.path("receivedAt").asString(null)),
                  s.path("duplicate").asBoolean(false),
                  KnownIssue.listOf(s));
          at = instant(s.path("sentAt").asString(null));
        } else {
          status = s.path("status").asInt(0);
          reason = s.path("reason").asString(null);
          at = instant(s.path("rejectedAt").asString(null));
        }
      } catch (IOException | JacksonException e) {
        // No sidecar: shown without receipt or reason.
      }
      out.add(new ArchivedReport(f, queuedAt(m), report, receipt, status, reason, at));
    }
    return out;
  }

  private void trim(Path d, int keep, String suffix) throws IOException {
    List<Path> files = queueFiles(d);
    for (int i = 0; i < files.size() - keep; i++) {
      Files.deleteIfExists(sidecar(files.get(i), suffix));
      Files.deleteIfExists(files.get(i));
    }
  }

  /**
   * Reads a report this queue wrote, without checking it against the contract again: it was checked
   * when it was queued, and written whole or not at all. A file damaged since (or written by
   * someone else) that does not read as a report is refused; one that reads but breaks the contract
   * is refused by the server, and then kept in {@code rejected/} with its reason.
   */
  private static Report read(byte[] body) throws UnreadableReportException {
    Report r;
    try {
      r = ReportJson.mapper().readValue(body, Report.class);
    } catch (StreamReadException e) {
      throw new UnreadableReportException(
          "the document is not valid JSON: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new UnreadableReportException("it does not read as one: " + e.getOriginalMessage());
    }
    if (r == null || r.reportId() == null) {
      throw new UnreadableReportException("it has no report id");
    }
    return r;
  }

  /** A queue file that does not read as a report. */
  private static final class UnreadableReportException extends Exception {
    UnreadableReportException(String message) {
      super(message, null, false, false);
    }
  }

  /** Queue-named files of a directory, sorted by name (oldest first); temp files never match. */
  private static List<Path> queueFiles(Path d) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
      for (Path f : s) {
        if (NAME.matcher(f.getFileName().toString()).matches()) {
          out.add(f);
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  private static Path sidecar(Path report, String suffix) {
    String n = report.getFileName().toString();
    return report.resolveSibling(n.substring(0, n.length() - ".json".length()) + suffix);
  }

  private static Instant queuedAt(Matcher m) {
    return Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS);
  }

  private static UUID uuid(String s) {
    try {
      return s == null ? null : UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant instant(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
