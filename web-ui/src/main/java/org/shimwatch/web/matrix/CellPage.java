package org.shimwatch.web.matrix;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A cell's drill-down ready for the template: figures written out as people read them.
 *
 * @param cell the cell
 * @param style its tier's text and colour
 * @param interval the success rate's 95% interval in words, {@code null} when hidden or unknown
 * @param trapShare the share of reports with a trap, e.g. {@code 12%}
 * @param lastSeen the newest report's time, in UTC
 * @param comments the approved comments
 */
public record CellPage(
    CellDetail cell,
    TierStyle style,
    String interval,
    String trapShare,
    String lastSeen,
    List<Comment> comments) {

  /** An approved comment as shown: its date, the versions it was about, its text. */
  public record Comment(String date, String isoDate, String versions, String text) {}

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The most comments a drill-down shows. */
  public int maxComments() {
    return CellDetail.MAX_COMMENTS;
  }

  static CellPage of(CellDetail d) {
    String interval = null;
    if (d.successLowerBound() != null && d.successUpperBound() != null && d.judged() != null) {
      interval =
          d.judged() == 0
              ? "unknown: no report with a clear outcome"
              : "between "
                  + percent(d.successLowerBound())
                  + " and "
                  + percent(d.successUpperBound())
                  + " ("
                  + d.successes()
                  + " of "
                  + MatrixPages.plural(d.judged(), "report")
                  + " with a clear outcome succeeded)";
    }
    return new CellPage(
        d,
        TierStyle.of(d.tier()),
        interval,
        d.trapReportShare() == null ? null : percent(d.trapReportShare()),
        d.lastSeen() == null ? null : MINUTE.format(d.lastSeen()),
        d.comments().stream().map(CellPage::comment).toList());
  }

  private static Comment comment(CellComment c) {
    Instant seen = c.seen();
    String client = label(c.clientName(), c.clientVersion(), "unknown client");
    String shim =
        c.shimVersion() == null || c.shimVersion().isEmpty()
            ? "shim version unknown"
            : "shim " + c.shimVersion();
    return new Comment(
        seen == null ? "" : DAY.format(seen),
        seen == null ? "" : seen.toString(),
        client + ", " + shim,
        c.text());
  }

  private static String label(String name, String version, String fallback) {
    boolean n = name != null && !name.isEmpty();
    boolean v = version != null && !version.isEmpty();
    if (n && v) {
      return name + " " + version;
    }
    return n ? name : v ? version : fallback;
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
