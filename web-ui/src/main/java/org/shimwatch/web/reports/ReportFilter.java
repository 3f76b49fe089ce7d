package org.shimwatch.web.reports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.shimwatch.web.BadQueryException;

/**
 * What the report list is narrowed to. Every part is optional ({@code null} means any); text
 * filters match without regard to case.
 *
 * @param outcome {@code works}, {@code select-problem}, {@code traps}, {@code other} or {@code
 *     unknown}
 * @param os OS name or family, or "name version"
 * @param stack stack name or version, or "name version"
 * @param client client name, or "name version"
 * @param shim shim version
 * @param hasTrap only reports with ({@code true}) or without ({@code false}) a trap
 * @param consentLevel 1, 2 or 3
 * @param from received on or after this day (UTC)
 * @param to received on or before this day (UTC)
 * @param q free text found in the client name or version, stack name or version, or comment
 */
public record ReportFilter(
    String outcome,
    String os,
    String stack,
    String client,
    String shim,
    Boolean hasTrap,
    Integer consentLevel,
    LocalDate from,
    LocalDate to,
    String q) {

  /** The outcomes a report may have, in the order a form offers them. */
  public static final List<String> OUTCOMES =
      List.of("works", "select-problem", "traps", "other", "unknown");

  /** Longest text filter accepted: above any name or version the contract allows. */
  public static final int MAX_TEXT = 256;

  /** No filter at all. */
  public static final ReportFilter NONE =
      new ReportFilter(null, null, null, null, null, null, null, null, null, null);

  /**
   * A filter from query parameters as they came; blank means absent.
   *
   * @throws BadQueryException naming the parameter that is malformed
   */
  public static ReportFilter parse(
      String outcome,
      String os,
      String stack,
      String client,
      String shim,
      String hasTrap,
      String consentLevel,
      String from,
      String to,
      String q) {
    String o = text("outcome", outcome);
    if (o != null) {
      o = o.toLowerCase(Locale.ROOT);
      if (!OUTCOMES.contains(o)) {
        throw new BadQueryException(
            "invalid-outcome",
            "outcome",
            "outcome is one of works, select-problem, traps, other, unknown");
      }
    }
    LocalDate f = day("from", from);
    LocalDate t = day("to", to);
    if (f != null && t != null && f.isAfter(t)) {
      throw new BadQueryException("invalid-range", "from", "from is after to");
    }
    return new ReportFilter(
        o,
        text("os", os),
        text("stack", stack),
        text("client", client),
        text("shim", shim),
        yesNo(hasTrap),
        level(consentLevel),
        f,
        t,
        text("q", q));
  }

  /** Whether nothing is filtered. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** The filter as query parameters, for links that keep it (page links); absent parts left out. */
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    put(p, "outcome", outcome);
    put(p, "os", os);
    put(p, "stack", stack);
    put(p, "client", client);
    put(p, "shim", shim);
    put(p, "hasTrap", hasTrap == null ? null : hasTrap ? "yes" : "no");
    put(p, "consent", consentLevel == null ? null : consentLevel.toString());
    put(p, "from", from == null ? null : from.toString());
    put(p, "to", to == null ? null : to.toString());
    put(p, "q", q);
    return p;
  }

  /** {@code a=1&b=2} of the given parameters, each encoded. */
  public static String query(Map<String, String> parameters) {
    StringJoiner j = new StringJoiner("&");
    parameters.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  private static void put(Map<String, String> p, String k, String v) {
    if (v != null) {
      p.put(k, v);
    }
  }

  static String text(String parameter, String value) {
    return BadQueryException.text(parameter, value, MAX_TEXT);
  }

  private static Boolean yesNo(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "yes":
      case "true":
        return Boolean.TRUE;
      case "no":
      case "false":
        return Boolean.FALSE;
      default:
        throw new BadQueryException("invalid-has-trap", "hasTrap", "hasTrap is yes or no");
    }
  }

  private static Integer level(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.equals("1") || v.equals("2") || v.equals("3")) {
      return Integer.valueOf(v);
    }
    throw new BadQueryException("invalid-consent", "consent", "consent is 1, 2 or 3");
  }

  private static LocalDate day(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(value.strip());
      if (d.getYear() < 1970 || d.getYear() > 9999) {
        throw new BadQueryException(
            "invalid-date", parameter, parameter + " is a day between 1970 and 9999");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new BadQueryException(
          "invalid-date", parameter, parameter + " is a day written as YYYY-MM-DD");
    }
  }
}
