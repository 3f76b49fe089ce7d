package org.shimwatch.probe.upload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.shimwatch.probe.outbox.KnownIssue;
import org.shimwatch.probe.outbox.Receipt;
import org.shimwatch.report.ReportJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The one place that turns an HTTP answer to an upload into an {@link UploadOutcome}. */
public final class UploadOutcomes {

  /** A Retry-After longer than a day is taken as a day: the report should not wait forever. */
  static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private UploadOutcomes() {}

  /**
   * What an answer means for the report.
   *
   * @param status the HTTP status
   * @param retryAfter the Retry-After header, or {@code null}
   * @param body the answer's body (a receipt, or a problem document), possibly empty
   * @param reportId the report that was sent, to check the receipt is for it
   * @param now the current time, for a Retry-After given as a date
   */
  public static UploadOutcome fromResponse(
      int status, String retryAfter, byte[] body, UUID reportId, Instant now) {
    if (status == 200 || status == 201 || status == 202) {
      Receipt r = receipt(body);
      if (r == null || !reportId.equals(r.reportId())) {
        return new UploadOutcome.Failed(
            "the server answered "
                + status
                + " without a receipt for this report: is the server URL"
                + " a Shimwatch server?");
      }
      boolean duplicate = status == 200 || r.duplicate();
      Receipt receipt = new Receipt(r.reportId(), r.receivedAt(), duplicate, r.knownIssues());
      return duplicate ? new UploadOutcome.Duplicate(receipt) : new UploadOutcome.Accepted(receipt);
    }
    String reason = reason(status, body);
    if (status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599)) {
      return new UploadOutcome.RetryLater(status, retryAfter(retryAfter, now), reason);
    }
    if ((status >= 300 && status <= 399)
        || status == 401
        || status == 403
        || status == 404
        || status == 407) {
      return new UploadOutcome.Refused(status, reason);
    }
    if (status >= 400 && status <= 499) {
      return new UploadOutcome.Rejected(status, reason);
    }
    return new UploadOutcome.Failed("the server answered with status " + status);
  }

  /** The server's reason in words: a problem document's reason code and detail, else the status. */
  static String reason(int status, byte[] body) {
    try {
      JsonNode p = ReportJson.mapper().readTree(body);
      if (p != null && p.isObject()) {
        String code = p.path("reason").asString("");
        String detail = p.path("detail").asString("");
        if (!code.isEmpty() || !detail.isEmpty()) {
          return status
              + (code.isEmpty() ? "" : " " + code)
              + (detail.isEmpty() ? "" : ": " + detail);
        }
      }
    } catch (JacksonException | IllegalArgumentException e) {
      // Not JSON: fall through to the status alone.
    }
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
    return "HTTP "
        + status
        + (text.isEmpty() || text.length() > 200 || text.contains("<") ? "" : ": " + text);
  }

  /** Seconds or an HTTP date, as RFC 9110 allows; {@code null} when absent or unreadable. */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip();
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(h));
    } catch (NumberFormatException e) {
      try {
        d =
            Duration.between(
                now, ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (RuntimeException e2) {
        return null;
      }
    }
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  private static Receipt receipt(byte[] body) {
    try {
      JsonNode r = ReportJson.mapper().readTree(body);
      if (r == null || !r.isObject()) {
        return null;
      }
      UUID id = UUID.fromString(r.path("reportId").asString(""));
      Instant at = null;
      if (r.hasNonNull("receivedAt")) {
        at = Instant.parse(r.get("receivedAt").asString());
      }
      return new Receipt(id, at, r.path("duplicate").asBoolean(false), KnownIssue.listOf(r));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
