package org.shimwatch.server.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Report;
import org.shimwatch.report.SelfTestResult;

/** Builds the stored row of a valid report: its normalized columns and raw document. */
final class ReportRows {

  /** A comment waits for a maintainer's approval before the public sees it. */
  static final String COMMENT_PENDING = "pending";

  static final String COMMENT_NONE = "none";

  private ReportRows() {}

  static StoredReport of(
      long projectId, Report r, String rawJson, Instant receivedAt, boolean demo) {
    StoredReport s = new StoredReport();
    s.projectId = projectId;
    s.reportId = r.reportId();
    s.installationId = r.installationId();
    s.receivedAt = receivedAt;
    Environment env = r.environment();
    // Microseconds, what both databases keep: rollups computed from the report at ingest and
    // from the stored row at a rebuild must see the same instant.
    s.createdAt = r.createdAt().truncatedTo(ChronoUnit.MICROS);
    s.consentLevel = (short) r.consentLevel();
    s.source = r.source() == null ? null : wire(r.source());
    s.outcome = r.outcome().wireName();
    s.osFamily = env.os().family();
    s.osName = env.os().name();
    s.osVersion = env.os().version();
    s.osRevision = env.os().revision();
    if (env.stack() != null) {
      s.stackName = env.stack().name();
      s.stackVersion = env.stack().version();
      s.stackLevel = env.stack().level();
    }
    s.fixesKey = fixesKey(env.fixes());
    if (env.runtime() != null) {
      s.runtimeName = env.runtime().name();
      s.runtimeVersion = env.runtime().version();
    }
    s.clientName = env.client().name();
    s.clientVersion = env.client().version();
    Environment.InstallMode mode = Environment.InstallMode.UNKNOWN;
    if (env.shim() != null) {
      s.shimVersion = env.shim().version();
      mode = env.shim().installMode();
    }
    s.installMode = wire(mode);
    s.trapCount = r.traps() == null ? 0 : r.traps().size();
    s.selfTestFailures =
        r.selfTests() == null
            ? 0
            : (int)
                r.selfTests().stream()
                    .filter(t -> t.result() == SelfTestResult.Result.FAIL)
                    .count();
    s.hasMetrics = r.metrics() != null;
    s.callRows = CallRow.of(r);
    s.calls = CallRow.format(s.callRows);
    s.fdAboveSetsize = CallRow.fdAboveSetsize(s.callRows);
    s.commentText = r.comment();
    s.commentStatus = r.comment() == null || r.comment().isBlank() ? COMMENT_NONE : COMMENT_PENDING;
    s.demo = demo;
    s.rawJson = rawJson;
    return s;
  }

  /**
   * The fixes as one canonical string: sorted, de-duplicated {@code kind:id[=version]} joined by
   * commas, so that equal sets of fixes compare equal whatever order a probe listed them in.
   */
  static String fixesKey(List<Environment.Fix> fixes) {
    if (fixes == null || fixes.isEmpty()) {
      return "";
    }
    String key =
        fixes.stream()
            .map(f -> f.kind() + ":" + f.id() + (f.version() == null ? "" : "=" + f.version()))
            .distinct()
            .sorted()
            .collect(Collectors.joining(","));
    // The column holds 2048 characters; a longer set is cut at a fix boundary.
    if (key.length() > 2048) {
      int cut = key.lastIndexOf(',', 2048);
      key = key.substring(0, cut < 0 ? 2048 : cut);
    }
    return key;
  }

  private static String wire(Enum<?> e) {
    return Objects.requireNonNull(
        org.shimwatch.report.ReportJson.mapper().valueToTree(e).asString());
  }
}
