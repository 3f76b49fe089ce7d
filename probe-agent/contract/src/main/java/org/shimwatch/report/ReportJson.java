package org.shimwatch.report;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON configuration for reports, shared by the probe and the server. */
public final class ReportJson {

  /**
   * Nesting limit: a report is at most six levels deep, so anything deeper than this is hostile or
   * broken and is refused before it costs stack or memory.
   */
  static final int MAX_NESTING = 32;

  /** Longest string accepted by the parser; the schema's own limits are far lower. */
  static final int MAX_STRING_LENGTH = 64 * 1024;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING)
                          .maxStringLength(MAX_STRING_LENGTH)
                          .build())
                  .build())
          // Two values for one key would let the probe and the server read different reports.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // The schema makes many counts optional (a probe may leave out a zero) and refuses
          // null everywhere, so a count that is absent from a valid report is zero.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private ReportJson() {}

  /** The mapper: thread-safe, configured for the contract. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** The report as compact JSON. */
  public static String write(Report report) {
    return MAPPER.writeValueAsString(report);
  }

  /** The report as indented JSON, for people to read (e.g. {@code shimwatch preview}). */
  public static String writePretty(Report report) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
  }
}
