package org.shimwatch.probe;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.outbox.FileReportQueue;
import org.shimwatch.probe.upload.UploadState;

/**
 * The probe's state as {@code shimwatch status} and {@link Shimwatch#status()} show it.
 *
 * @param storedLevel the consent level the user chose
 * @param effectiveLevel the level in force (0 when the environment forces it)
 * @param forcedOffBy the variable forcing level 0, or {@code null}
 * @param consentProblem why the consent file could not be read, or {@code null}
 * @param installationId the installation id, or {@code null} before the first opt-in
 * @param server the server URL, or {@code null}
 * @param missingSettings what is missing to send, or {@code null}
 * @param waiting reports waiting
 * @param oldestQueuedAt when the oldest waiting report was queued, or {@code null}
 * @param problems outbox files that cannot be sent
 * @param sent reports in the local archive of sent reports
 * @param rejected reports the server refused for good
 * @param dropped lines of {@code dropped.log}
 * @param upload the sender's state: last attempt, last error, next attempt
 */
public record ProbeStatus(
    ConsentLevel storedLevel,
    ConsentLevel effectiveLevel,
    String forcedOffBy,
    String consentProblem,
    UUID installationId,
    URI server,
    String missingSettings,
    int waiting,
    Instant oldestQueuedAt,
    List<FileReportQueue.Problem> problems,
    int sent,
    int rejected,
    List<String> dropped,
    UploadState upload) {

  public ProbeStatus {
    problems = List.copyOf(problems);
    dropped = List.copyOf(dropped);
  }

  /** Whether something needs the user's attention. */
  public boolean needsAttention() {
    return consentProblem != null
        || !problems.isEmpty()
        || (waiting > 0 && (missingSettings != null || upload.lastError() != null));
  }

  /** The status in plain words, one line per fact. */
  public List<String> describe(Instant now) {
    List<String> out = new ArrayList<>();
    if (consentProblem != null) {
      out.add("consent: the consent file is damaged, so nothing is sent: " + consentProblem);
    } else if (forcedOffBy != null && storedLevel != ConsentLevel.NONE) {
      out.add(
          "consent: level "
              + storedLevel.number()
              + " chosen, but "
              + forcedOffBy
              + " turns it off: nothing is collected or sent");
    } else {
      out.add("consent: level " + effectiveLevel.number() + " (" + effectiveLevel.sends() + ")");
    }
    if (installationId != null) {
      out.add("installation: " + installationId);
    }
    out.add("server: " + (server != null ? server : "not configured"));
    if (waiting == 0) {
      out.add("queue: empty");
    } else {
      out.add(
          "queue: "
              + waiting
              + (waiting == 1 ? " report waiting" : " reports waiting")
              + ", the oldest queued "
              + ago(oldestQueuedAt, now));
    }
    for (FileReportQueue.Problem p : problems) {
      out.add(
          "unsendable: "
              + p.file()
              + " "
              + p.message()
              + " (left alone; delete it if it is not needed)");
    }
    if (upload.lastSuccessAt() != null) {
      out.add("last sent: " + ago(upload.lastSuccessAt(), now));
    }
    if (upload.lastError() != null) {
      out.add("last error " + ago(upload.lastErrorAt(), now) + ": " + upload.lastError());
    }
    if (waiting > 0 && missingSettings != null) {
      out.add("not sending: " + missingSettings);
    } else if (waiting > 0
        && upload.nextAttemptAt() != null
        && upload.nextAttemptAt().isAfter(now)) {
      out.add(
          "next try: in "
              + words(Duration.between(now, upload.nextAttemptAt()))
              + " (or now: shimwatch submit --pending)");
    }
    out.add("sent: " + sent + " (shimwatch history), rejected by the server: " + rejected);
    if (!dropped.isEmpty()) {
      out.add(
          "dropped by the outbox limits: "
              + dropped.size()
              + "; last: "
              + dropped.get(dropped.size() - 1));
    }
    return out;
  }

  private static String ago(Instant then, Instant now) {
    if (then == null) {
      return "at an unknown time";
    }
    Duration d = Duration.between(then, now);
    return d.isNegative() ? "just now" : words(d) + " ago (" + then + ")";
  }

  static String words(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min";
    }
    if (s < 86400) {
      return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
    return s / 86400 + " days";
  }
}
