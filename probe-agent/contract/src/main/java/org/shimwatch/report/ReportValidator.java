package org.shimwatch.report;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks documents against contract v1 and turns valid ones into {@link Report}s. The probe (when
 * it queues a report) and the server (before it stores one) both call this, so they can never
 * disagree on what a valid report is. Parts of a report the probe reads from elsewhere (a trap, a
 * snapshot's calls) are checked against the contract's own definitions of them.
 *
 * <p>Thread-safe; get the shared instance with {@link #instance()}.
 */
public final class ReportValidator {

  /** Classpath location of the contract. */
  public static final String SCHEMA_RESOURCE = "/org/shimwatch/report/report-v1.schema.json";

  /**
   * At most this many violations are listed: enough to fix a document, bounded for hostile ones.
   */
  static final int MAX_VIOLATIONS = 50;

  /** Where the contract's definition of one trap is, within the contract. */
  static final String TRAP_DEFINITION = "#/$defs/trap";

  /** Where the contract's definition of a snapshot's calls (a report's metrics) is. */
  static final String CALLS_DEFINITION = "#/$defs/metrics/properties/calls";

  private static final ReportValidator INSTANCE = new ReportValidator();

  private final Schema schema;
  private final Schema trap;
  private final Schema calls;

  private ReportValidator() {
    SchemaRegistry registry = registry();
    this.schema = load(registry, "");
    this.trap = load(registry, TRAP_DEFINITION);
    this.calls = load(registry, CALLS_DEFINITION);
  }

  /** The contract compiled by the JSON Schema library, as this validator uses it. */
  static Schema contractSchema() {
    return load(registry(), "");
  }

  /** A registry that knows the contract by its {@code $id}, so its definitions can be loaded. */
  private static SchemaRegistry registry() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
    String text = schemaText();
    return SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaRegistryConfig(config).schemas(Map.of(contractId(), text)));
  }

  /** The contract, or the definition at {@code fragment} within it, ready to validate. */
  private static Schema load(SchemaRegistry registry, String fragment) {
    Schema s = registry.getSchema(SchemaLocation.of(contractId() + fragment));
    s.initializeValidators();
    return s;
  }

  private static String contractId() {
    return ReportJson.mapper().readTree(schemaText()).path("$id").asString();
  }

  /** The shared validator. */
  public static ReportValidator instance() {
    return INSTANCE;
  }

  /** The contract itself, as text. */
  public static String schemaText() {
    try (InputStream in = ReportValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("contract missing from the classpath: " + SCHEMA_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every violation in the UTF-8 document; empty when it is a valid report. */
  public List<Violation> validate(byte[] json) {
    JsonNode node;
    try {
      node = read(json);
    } catch (InvalidReportException e) {
      return e.violations();
    }
    return validate(node);
  }

  /** Every violation in the document; empty when it is a valid report. */
  public List<Violation> validate(String json) {
    return validate(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Every violation in the parsed document; empty when it is a valid report. */
  public List<Violation> validate(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return List.of(new Violation("", "empty", "the document is empty: expected a report object"));
    }
    if (!node.isObject()) {
      return List.of(
          new Violation(
              "", "type", "the document is " + describe(node) + ": expected a report object"));
    }
    JsonNode version = node.get("schemaVersion");
    if (version != null && version.isIntegralNumber() && version.asLong() != 1) {
      // Said on its own: the rest of a newer report is judged by rules this reader lacks.
      return List.of(
          new Violation(
              "/schemaVersion",
              "unsupported-schema-version",
              "/schemaVersion: version "
                  + version.asString()
                  + " is not supported; this reader understands version "
                  + Report.SCHEMA_VERSION));
    }
    List<Violation> out = new ArrayList<>();
    // One pass of the library: on a valid report its yes-or-no and fail-fast modes cost as much
    // as the full list of violations (ReportValidationBenchmark), so there is no quicker path.
    out.addAll(violations(schema, node));
    if (out.isEmpty()) {
      checkBeyondSchema(node, out);
    }
    out.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::reason));
    return List.copyOf(out);
  }

  /**
   * Every violation in one trap, judged by the contract's own definition of a report's trap ({@code
   * $defs/trap}); pointers are relative to the trap. What a trap may carry at a consent level is a
   * rule of the report, so it is not checked here.
   */
  public List<Violation> validateTrap(JsonNode trapNode) {
    return sorted(violations(trap, trapNode));
  }

  /**
   * Every violation in the calls of a shim snapshot, judged by the contract's definition of a
   * report's {@code metrics.calls}; pointers are relative to the calls object.
   */
  public List<Violation> validateCalls(JsonNode callsNode) {
    return sorted(violations(calls, callsNode));
  }

  private static List<Violation> violations(Schema s, JsonNode node) {
    List<Violation> out = new ArrayList<>();
    for (Error error : s.validate(node)) {
      out.add(toViolation(error));
      if (out.size() >= MAX_VIOLATIONS) {
        break;
      }
    }
    return out;
  }

  private static List<Violation> sorted(List<Violation> out) {
    out.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::reason));
    return List.copyOf(out);
  }

  /**
   * The report in this UTF-8 document.
   *
   * @throws InvalidReportException listing every violation when it is not a valid report
   */
  public Report parse(byte[] json) throws InvalidReportException {
    return parse(read(json));
  }

  /**
   * Parses strictly: the bytes must be well-formed UTF-8 (the JSON parser alone lets overlong
   * encodings through, which could smuggle characters past checks made on the bytes).
   */
  private static JsonNode read(byte[] json) throws InvalidReportException {
    int bad = Utf8.firstMalformed(json);
    if (bad >= 0) {
      throw new InvalidReportException(
          List.of(
              new Violation(
                  "",
                  "malformed-json",
                  "the document is not valid UTF-8 (bad byte sequence near byte " + bad + ")")));
    }
    try {
      return ReportJson.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new InvalidReportException(List.of(malformed(e)));
    }
  }

  /**
   * The report in this document.
   *
   * @throws InvalidReportException listing every violation when it is not a valid report
   */
  public Report parse(String json) throws InvalidReportException {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The report in this parsed document.
   *
   * @throws InvalidReportException listing every violation when it is not a valid report
   */
  public Report parse(JsonNode node) throws InvalidReportException {
    List<Violation> violations = validate(node);
    if (!violations.isEmpty()) {
      throw new InvalidReportException(violations);
    }
    return ReportJson.mapper().treeToValue(node, Report.class);
  }

  /**
   * Checks a report built in code.
   *
   * @throws InvalidReportException when the report breaks the contract
   */
  public Report check(Report report) throws InvalidReportException {
    return parse(ReportJson.mapper().valueToTree(report));
  }

  /** Rules JSON Schema cannot say: real calendar dates, and a period that runs forwards. */
  private static void checkBeyondSchema(JsonNode node, List<Violation> out) {
    checkDate(node, "/createdAt", out);
    JsonNode period = node.get("period");
    if (period != null) {
      OffsetDateTime start = checkDate(node, "/period/start", out);
      OffsetDateTime end = checkDate(node, "/period/end", out);
      if (start != null && end != null && end.isBefore(start)) {
        out.add(
            new Violation(
                "/period/end", "period-reversed", "/period/end: the period ends before it starts"));
      }
    }
  }

  private static OffsetDateTime checkDate(JsonNode root, String pointer, List<Violation> out) {
    JsonNode n = root.at(pointer);
    if (!n.isString()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(n.asString());
    } catch (DateTimeException e) {
      out.add(
          new Violation(
              pointer,
              "invalid-timestamp",
              pointer + ": '" + n.asString() + "' is not a real date and time"));
      return null;
    }
  }

  private static Violation toViolation(Error error) {
    String pointer = error.getInstanceLocation().toString();
    if (pointer.equals("/")) {
      pointer = "";
    }
    String keyword = error.getKeyword() == null ? "invalid" : error.getKeyword();
    String property = error.getProperty();
    if (property != null
        && (keyword.equals("required")
            || keyword.equals("additionalProperties")
            || keyword.equals("false")
            || keyword.equals("propertyNames"))) {
      pointer = pointer + "/" + property.replace("~", "~0").replace("/", "~1");
    }
    String where = pointer.isEmpty() ? "(document)" : pointer;
    if (keyword.equals("false")) {
      // The only false schemas in the contract are its consent rules.
      return new Violation(
          pointer,
          "above-consent-level",
          where + ": not allowed at this report's consent level (see consentLevel)");
    }
    return new Violation(pointer, keyword, where + ": " + error.getMessage());
  }

  private static Violation malformed(JacksonException e) {
    String detail = e.getOriginalMessage();
    var loc = e.getLocation();
    String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return new Violation(
        "", "malformed-json", "the document is not valid JSON" + at + ": " + detail);
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "an array";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNull()) {
      return "null";
    }
    return "not an object";
  }
}
