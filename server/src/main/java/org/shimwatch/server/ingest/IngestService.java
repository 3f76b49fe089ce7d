package org.shimwatch.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.shimwatch.privacy.ReportScrubbing;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.server.advice.AdviceFinder;
import org.shimwatch.server.alerts.RefusedReports;
import org.shimwatch.server.project.ProjectService.KeyCheck;
import org.shimwatch.server.report.Receipt;
import org.shimwatch.server.report.ReportStore;
import org.shimwatch.server.system.ShimwatchProperties;
import org.shimwatch.web.KeyOfOtherProject;
import org.shimwatch.web.KeyRevoked;
import org.shimwatch.web.RateLimited;
import org.shimwatch.web.Refusal;
import org.shimwatch.web.ReportRefused;
import org.shimwatch.web.UnknownCaller;
import org.shimwatch.web.UnsupportedFormat;
import org.springframework.stereotype.Service;

/**
 * The collector: checks who is posting, how much and how often, then decodes, validates, scrubs and
 * stores. Storage knows nothing of HTTP; this knows nothing of tables.
 */
@Service
public class IngestService {

  private static final Pattern SECRET =
      Pattern.compile(
          "^[A-Za-z0-9_-]{"
              + IngestProtocol.SECRET_MIN_LENGTH
              + ","
              + IngestProtocol.SECRET_MAX_LENGTH
              + "}$");

  private final IngestKeyCache keys;
  private final ReportStore store;
  private final AdviceFinder advice;
  private final ReportValidator validator = ReportValidator.instance();
  private final Scrubber scrubber = Scrubber.generic();
  private final int maxBodyBytes;
  private final RateLimiter perKey;
  private final RateLimiter perInstallation;
  private final MeterRegistry meters;
  private final Timer latency;
  private final Counter accepted;
  private final Counter duplicates;
  private final RefusedReports refusals;

  IngestService(
      IngestKeyCache keys,
      ReportStore store,
      AdviceFinder advice,
      ShimwatchProperties props,
      MeterRegistry meters,
      RefusedReports refusals) {
    this.refusals = refusals;
    this.keys = keys;
    this.store = store;
    this.advice = advice;
    ShimwatchProperties.Ingest in = props.ingest();
    this.maxBodyBytes = in.maxBodyBytes();
    this.perKey = new RateLimiter(in.perKeyPerSecond(), in.perKeyBurst(), in.trackedClients());
    this.perInstallation =
        new RateLimiter(
            in.perInstallationPerMinute() / 60.0, in.perInstallationBurst(), in.trackedClients());
    this.meters = meters;
    this.latency =
        Timer.builder("shimwatch.ingest.latency")
            .description("Time from a request's arrival to its committed answer")
            .publishPercentileHistogram()
            .register(meters);
    this.accepted = result("accepted", "none");
    this.duplicates = result("duplicate", "none");
  }

  /** What the request carried, before anything was read or trusted. */
  record Request(String project, String key, String secret, String contentType, BodySource body) {}

  /** Supplies the body once the caller is known and allowed. */
  @FunctionalInterface
  interface BodySource {
    byte[] read(int limit);
  }

  Receipt ingest(Request request) {
    Timer.Sample sample = Timer.start(meters);
    try {
      Receipt r = doIngest(request);
      (r.duplicate() ? duplicates : accepted).increment();
      return r;
    } catch (Refusal p) {
      result("rejected", p.reason()).increment();
      // Counted in memory only: whether refusals spike is judged on another thread.
      refusals.refused(request.project());
      throw p;
    } finally {
      sample.stop(latency);
    }
  }

  private Receipt doIngest(Request request) {
    checkContentType(request.contentType());
    KeyCheck.Valid valid = authorize(request.project(), request.key());
    long wait = perKey.take("key:" + valid.key().getId(), System.nanoTime());
    if (wait > 0) {
      throw tooMany("this ingest key", wait);
    }
    String secret = request.secret();
    if (secret == null || !SECRET.matcher(secret).matches()) {
      throw new ReportRefused(
          "missing-installation-secret",
          "send the installation secret ("
              + IngestProtocol.SECRET_MIN_LENGTH
              + " to "
              + IngestProtocol.SECRET_MAX_LENGTH
              + " characters of A-Z, a-z, 0-9, '-' and '_') in the "
              + IngestProtocol.INSTALLATION_SECRET_HEADER
              + " header");
    }
    byte[] body = request.body().read(maxBodyBytes);
    Report report;
    try {
      report = validator.parse(body);
    } catch (InvalidReportException e) {
      throw new ReportRefused(
          e.violations().get(0).reason().equals("malformed-json")
              ? "malformed-json"
              : "invalid-report",
          "the report does not match contract v1: " + e.violations().get(0).message(),
          e.violations().stream()
              .map(v -> new ReportRefused.Pointer(v.pointer(), v.reason(), v.message()))
              .toList());
    }
    wait = perInstallation.take("inst:" + report.installationId(), System.nanoTime());
    if (wait > 0) {
      throw tooMany("this installation", wait);
    }
    Report clean = ReportScrubbing.scrub(report, scrubber);
    // Most reports were scrubbed by their probe already: then the document is kept exactly as
    // it came (valid UTF-8, checked above), and writing it out again is saved.
    String raw =
        clean.equals(report)
            ? new String(body, java.nio.charset.StandardCharsets.UTF_8)
            : ReportJson.write(clean);
    long projectId = valid.project().getId();
    Receipt stored = store.store(projectId, clean, raw, secret, false);
    // A trap that falls in a group with advice: the receipt names it, and the probe tells the user.
    return stored.withKnownIssues(advice.knownIssues(projectId, valid.project().getSlug(), clean));
  }

  private KeyCheck.Valid authorize(String project, String key) {
    if (key == null || key.isBlank()) {
      throw new UnknownCaller(
          "missing-key",
          "send the project's ingest key in the " + IngestProtocol.KEY_HEADER + " header");
    }
    KeyCheck check = keys.check(project, key);
    if (check instanceof KeyCheck.Valid v) {
      return v;
    }
    if (check instanceof KeyCheck.Revoked) {
      throw new KeyRevoked("revoked-key", "this ingest key was revoked");
    }
    if (check instanceof KeyCheck.OtherProject) {
      throw new KeyOfOtherProject(
          "wrong-project", "this ingest key does not belong to project '" + project + "'");
    }
    throw new UnknownCaller("unknown-key", "this ingest key is not known");
  }

  private static void checkContentType(String contentType) {
    if (contentType == null) {
      throw unsupportedType("none");
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].strip().equals("application/json")) {
      throw unsupportedType(contentType);
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.startsWith("charset=") && !List.of("charset=utf-8", "charset=\"utf-8\"").contains(p)) {
        throw unsupportedType(contentType);
      }
    }
  }

  private static UnsupportedFormat unsupportedType(String got) {
    return new UnsupportedFormat(
        "unsupported-media-type", "reports are sent as application/json in UTF-8, not " + got);
  }

  private static RateLimited tooMany(String who, long seconds) {
    return new RateLimited(
        "rate-limited", who + " is sending too fast; try again in " + seconds + " s", seconds);
  }

  private Counter result(String result, String reason) {
    return Counter.builder("shimwatch.ingest.reports")
        .description("Reports posted, by result and reason")
        .tag("result", result)
        .tag("reason", reason)
        .register(meters);
  }
}
