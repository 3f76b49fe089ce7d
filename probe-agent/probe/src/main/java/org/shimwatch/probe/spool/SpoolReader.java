package org.shimwatch.probe.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.report.CallKind;
import org.shimwatch.report.CallMetrics;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.report.Trap;
import org.shimwatch.report.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the shim's spool directory (formats in {@code native-shim/include/shimwatch.h}): every
 * {@code snapshot-*.json} (one per client process; merged by adding counts, so the processes of one
 * run make one report) and every {@code trap-*.json}. A file that is not what the shim writes is
 * skipped with a warning; nothing in a spool can make the reader fail.
 */
public final class SpoolReader {

  /** Files larger than this are not the shim's (a snapshot is a few KiB) and are skipped. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  /** At most this many files are read: a run makes one per process, and a report has limits. */
  static final int MAX_FILES = 4096;

  /** The shim's own library; frames in it are not where a fault "happened". */
  static final String SHIM_LIBRARY = "libshimwatch.so";

  private final ReportValidator validator = ReportValidator.instance();

  /**
   * Reads a spool.
   *
   * @param dir the spool directory; a missing one is empty
   * @param trapDetails whether traps keep frames, registers and recent calls (consent level 3);
   *     without it they are never taken from the file
   * @return what the spool holds; its traps are every valid one, oldest first
   */
  public SpoolContents read(Path dir, boolean trapDetails) {
    List<Path> snapshots = new ArrayList<>();
    List<Path> trapFiles = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{snapshot,trap}-*.json")) {
      for (Path f : files) {
        if (snapshots.size() + trapFiles.size() >= MAX_FILES) {
          warnings.add(dir + ": more than " + MAX_FILES + " files; the rest were left alone");
          break;
        }
        (f.getFileName().toString().startsWith("snapshot-") ? snapshots : trapFiles).add(f);
      }
    } catch (NoSuchFileException e) {
      return SpoolContents.empty();
    } catch (IOException e) {
      return new SpoolContents(
          null,
          null,
          List.of(),
          List.of(dir + ": cannot be listed (" + e.getMessage() + ")"),
          List.of());
    }
    snapshots.sort(Comparator.naturalOrder());
    trapFiles.sort(Comparator.naturalOrder());

    List<Path> used = new ArrayList<>();
    Map<CallKind, CallMetrics> merged = new EnumMap<>(CallKind.class);
    String shimVersion = null;
    int processes = 0;
    long firstStart = Long.MAX_VALUE;
    long lastWrite = Long.MIN_VALUE;
    for (Path f : snapshots) {
      JsonNode doc = readDocument(f, "shimwatch-snapshot", warnings);
      if (doc == null) {
        continue;
      }
      Map<CallKind, CallMetrics> calls = calls(f, doc.get("calls"), warnings);
      if (calls == null) {
        continue;
      }
      calls.forEach((k, v) -> merged.merge(k, v, CallMetrics::merge));
      processes++;
      used.add(f);
      shimVersion = text(doc, "shimVersion", shimVersion);
      if (doc.path("startedAtMs").canConvertToLong()
          && doc.path("writtenAtMs").canConvertToLong()) {
        firstStart = Math.min(firstStart, doc.get("startedAtMs").asLong());
        lastWrite = Math.max(lastWrite, doc.get("writtenAtMs").asLong());
      }
    }
    Metrics metrics = null;
    if (processes > 0) {
      Long duration = lastWrite >= firstStart ? lastWrite - firstStart : null;
      metrics = new Metrics(duration, processes, Metrics.Calls.of(merged));
    }

    List<Trap> traps = new ArrayList<>();
    for (Path f : trapFiles) {
      JsonNode doc = readDocument(f, "shimwatch-trap", warnings);
      if (doc == null) {
        continue;
      }
      // Checked as it will be reported: without details below level 3 they are never taken.
      Trap t = trap(doc, trapDetails);
      List<Violation> v = validator.validateTrap(ReportJson.mapper().valueToTree(t));
      if (!v.isEmpty()) {
        warnings.add(
            f.getFileName() + ": skipped, not a valid shim trap record: " + v.get(0).message());
        continue;
      }
      // Every trap is kept here; the report keeps the newest (Trap#newest, in the assembler).
      traps.add(t);
      used.add(f);
      shimVersion = text(doc, "shimVersion", shimVersion);
    }
    traps.sort(Comparator.comparing(t -> t.time() == null ? Instant.EPOCH : t.time()));
    return new SpoolContents(metrics, shimVersion, traps, warnings, used);
  }

  /**
   * The metrics of one snapshot document (what {@code shimwatch_snapshot()} returns in process), or
   * {@code null} when it is not a valid snapshot or recorded no call; problems go to {@code
   * warnings}.
   */
  public Metrics snapshotMetrics(String json, List<String> warnings) {
    JsonNode doc;
    try {
      doc = ReportJson.mapper().readTree(json);
    } catch (JacksonException e) {
      warnings.add("the shim's snapshot is not valid JSON (" + e.getOriginalMessage() + ")");
      return null;
    }
    if (doc == null || !"shimwatch-snapshot".equals(doc.path("format").asString(""))) {
      warnings.add("the shim's snapshot is not a shimwatch-snapshot document");
      return null;
    }
    Map<CallKind, CallMetrics> calls = calls(Path.of("snapshot"), doc.get("calls"), warnings);
    if (calls == null || calls.isEmpty()) {
      return null;
    }
    Long duration =
        doc.path("durationMs").canConvertToLong() ? doc.get("durationMs").asLong() : null;
    return new Metrics(duration, 1, Metrics.Calls.of(calls));
  }

  private static JsonNode readDocument(Path f, String format, List<String> warnings) {
    String name = f.getFileName().toString();
    try {
      if (!Files.isRegularFile(f) || Files.size(f) > MAX_FILE_BYTES) {
        warnings.add(name + ": skipped, not a regular file of at most 1 MiB");
        return null;
      }
      JsonNode doc = ReportJson.mapper().readTree(Files.readAllBytes(f));
      if (doc == null || !doc.isObject() || !format.equals(doc.path("format").asString(""))) {
        warnings.add(name + ": skipped, not a " + format + " document");
        return null;
      }
      if (doc.path("formatVersion").asInt(0) != 1) {
        warnings.add(
            name
                + ": skipped, "
                + format
                + " version "
                + doc.path("formatVersion")
                + " is not supported");
        return null;
      }
      return doc;
    } catch (IOException e) {
      warnings.add(name + ": skipped, cannot be read (" + e.getMessage() + ")");
    } catch (JacksonException e) {
      warnings.add(name + ": skipped, not valid JSON (" + e.getOriginalMessage() + ")");
    }
    return null;
  }

  /**
   * The call entries of one snapshot, checked against the contract (they are its callMetrics
   * objects), or {@code null} when any is not.
   */
  private Map<CallKind, CallMetrics> calls(Path f, JsonNode calls, List<String> warnings) {
    String name = f.getFileName().toString();
    if (calls == null || !calls.isObject()) {
      warnings.add(name + ": skipped, it has no \"calls\" object");
      return null;
    }
    List<Violation> v = validator.validateCalls(calls);
    if (!v.isEmpty()) {
      warnings.add(name + ": skipped, not a valid shim snapshot: " + v.get(0).message());
      return null;
    }
    Map<CallKind, CallMetrics> out = new EnumMap<>(CallKind.class);
    for (CallKind k : CallKind.values()) {
      JsonNode m = calls.get(k.wireName());
      if (m != null) {
        try {
          out.put(k, ReportJson.mapper().treeToValue(m, CallMetrics.class));
        } catch (JacksonException | IllegalArgumentException e) {
          warnings.add(name + ": skipped, its " + k.wireName() + " entry cannot be read");
          return null;
        }
      }
    }
    return out;
  }

  /** A trap record as the contract's trap; details only when asked for. */
  static Trap trap(JsonNode doc, boolean details) {
    List<Trap.Frame> frames = new ArrayList<>();
    String module = null;
    String offset = null;
    for (JsonNode fr : doc.path("frames")) {
      String path = fr.path("module").asString(null);
      String file = path == null || path.equals("?") ? null : Scrubber.fileName(path);
      String off = fr.path("offset").asString(null);
      if (module == null && file != null && !file.equals(SHIM_LIBRARY)) {
        module = file;
        offset = off;
      }
      if (details && frames.size() < 64) {
        frames.add(new Trap.Frame(file, null, off, null));
      }
    }
    Map<String, String> registers = null;
    List<Trap.RecentCall> recent = null;
    if (details) {
      registers = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : doc.path("registers").properties()) {
        registers.put(e.getKey(), e.getValue().asString(""));
      }
      recent = new ArrayList<>();
      for (JsonNode c : doc.path("recentCalls")) {
        recent.add(
            new Trap.RecentCall(
                c.path("call").asString(null),
                longOrNull(c, "nfds"),
                longOrNull(c, "timeoutNs"),
                longOrNull(c, "result"),
                c.path("errno").asString(null),
                longOrNull(c, "latencyNs")));
        if (recent.size() == 64) {
          break;
        }
      }
    }
    String exe = doc.path("exe").asString(null);
    return new Trap(
        Trap.TrapSource.SHIM_SIGNAL,
        doc.path("timeMs").canConvertToLong()
            ? Instant.ofEpochMilli(doc.get("timeMs").asLong())
            : null,
        doc.path("signal").asString(null),
        doc.path("siCode").canConvertToInt() ? doc.get("siCode").asInt() : null,
        null,
        null,
        null,
        module,
        null,
        offset,
        doc.path("faultAddress").asString(null),
        new Trap.Process(
            exe == null ? null : Scrubber.fileName(exe),
            longOrNull(doc, "pid"),
            longOrNull(doc, "tid")),
        null,
        details && !frames.isEmpty() ? frames : null,
        details && !registers.isEmpty() ? registers : null,
        details && !recent.isEmpty() ? recent : null);
  }

  private static Long longOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : null;
  }

  private static String text(JsonNode doc, String field, String fallback) {
    JsonNode v = doc.get(field);
    return v != null && v.isString() ? v.asString() : fallback;
  }
}
