package org.shimwatch.server.move;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The project export format: JSON lines. The first line names the format, its version, the server
 * that wrote it, the project and how many lines of each kind follow; then one line per stored row
 * ({@code {"kind":"report","row":{...}}}) in an order an import can insert them in (project, ingest
 * keys, installations, trap groups, reports with their calls, their traps, advice); the last line,
 * {@code {"kind":"end",...}}, repeats the counts, so a file cut short is told from a whole one.
 *
 * <p>Rows carry their stored columns by name, except the server's own row ids and the project id:
 * the importing server gives its own. Trap groups keep their old id in the file only so advice can
 * name the group it applies to. Times are ISO-8601 instants, ids of installations and reports
 * UUIDs. Rollups are not in the file: the importing server rebuilds them from the reports.
 */
public final class MoveFormat {

  /** The {@code format} of the first line. */
  public static final String FORMAT = "shimwatch-project";

  /** The format version this server writes and reads. */
  public static final int VERSION = 1;

  /** Longest line read: a raw report is at most 256 KiB, and escaping can double it. */
  public static final int MAX_LINE_CHARS = 2 * 1024 * 1024;

  static final JsonMapper JSON = JsonMapper.builder().build();

  private MoveFormat() {}

  /** How a column's value is written and read. */
  enum Type {
    TEXT,
    LONG,
    INT,
    BOOL,
    TIME,
    UUID
  }

  /**
   * One stored column.
   *
   * @param name its name in the table and in the file
   * @param type how its value is written
   * @param nullable whether it may be null
   * @param maxLength most characters of a text (0: unbounded)
   */
  record Column(String name, Type type, boolean nullable, int maxLength) {}

  private static Column text(String name, int max) {
    return new Column(name, Type.TEXT, false, max);
  }

  private static Column textOrNull(String name, int max) {
    return new Column(name, Type.TEXT, true, max);
  }

  private static Column col(String name, Type type) {
    return new Column(name, type, false, 0);
  }

  private static Column orNull(String name, Type type) {
    return new Column(name, type, true, 0);
  }

  /** The kinds of row lines, in the order they appear in a file. */
  public enum Kind {
    PROJECT(
        "project", "project", text("slug", 64), text("name", 128), col("created_at", Type.TIME)),
    INGEST_KEY(
        "ingest_key",
        "ingest_key",
        text("key_hash", 64),
        text("key_prefix", 12),
        text("label", 128),
        col("created_at", Type.TIME),
        orNull("revoked_at", Type.TIME)),
    INSTALLATION(
        "installation",
        "installation",
        col("id", Type.UUID),
        text("secret_hash", 64),
        col("created_at", Type.TIME)),
    TRAP_GROUP(
        "trap_group",
        "trap_group",
        col("id", Type.LONG),
        text("signature", 256),
        text("fault_code", 32),
        text("module_name", 128),
        text("location_key", 64),
        text("status", 16),
        textOrNull("fixed_in", 64),
        orNull("status_changed_at", Type.TIME)),
    REPORT(
        "report",
        "report",
        col("report_id", Type.UUID),
        col("installation_id", Type.UUID),
        col("received_at", Type.TIME),
        col("created_at", Type.TIME),
        col("consent_level", Type.INT),
        textOrNull("source", 16),
        text("outcome", 16),
        text("os_family", 16),
        textOrNull("os_name", 128),
        textOrNull("os_version", 64),
        textOrNull("os_revision", 64),
        textOrNull("stack_name", 128),
        textOrNull("stack_version", 64),
        textOrNull("stack_level", 64),
        text("fixes_key", 2048),
        textOrNull("runtime_name", 128),
        textOrNull("runtime_version", 64),
        text("client_name", 128),
        textOrNull("client_version", 64),
        textOrNull("shim_version", 64),
        text("install_mode", 32),
        col("trap_count", Type.INT),
        col("self_test_failures", Type.INT),
        col("has_metrics", Type.BOOL),
        textOrNull("comment_text", 4000),
        text("comment_status", 16),
        orNull("comment_decided_at", Type.TIME),
        col("demo", Type.BOOL),
        textOrNull("raw_json", 0),
        orNull("raw_pruned_at", Type.TIME),
        // the report's wrapped calls, kept in its row (migration 14)
        text("calls", 262144),
        col("fd_above_setsize", Type.LONG)),
    REPORT_TRAP(
        "report_trap",
        "report_trap",
        col("report_id", Type.UUID),
        col("trap_index", Type.INT),
        text("source", 16),
        textOrNull("signal_name", 16),
        textOrNull("trap_number", 8),
        textOrNull("exception_code", 16),
        textOrNull("module_name", 128),
        textOrNull("object_number", 24),
        textOrNull("module_offset", 24),
        orNull("trap_time", Type.TIME),
        text("frames", 12000),
        text("signature", 256),
        textOrNull("trap_location", 24)),
    ADVICE(
        "advice",
        "advice",
        text("title", 200),
        text("body", 8000),
        textOrNull("stack_name", 128),
        textOrNull("stack_from", 64),
        textOrNull("stack_to", 64),
        textOrNull("fix_id", 128),
        orNull("fix_present", Type.BOOL),
        textOrNull("install_mode", 32),
        orNull("trap_group_id", Type.LONG),
        textOrNull("shim_from", 64),
        textOrNull("shim_to", 64),
        textOrNull("fixed_in", 64),
        col("created_at", Type.TIME),
        text("created_by", 64),
        col("updated_at", Type.TIME),
        text("updated_by", 64));

    private final String wire;
    private final String table;
    private final List<Column> columns;

    Kind(String wire, String table, Column... columns) {
      this.wire = wire;
      this.table = table;
      this.columns = List.of(columns);
    }

    /** Its name in the file. */
    public String wire() {
      return wire;
    }

    String table() {
      return table;
    }

    List<Column> columns() {
      return columns;
    }

    static Kind named(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return k;
        }
      }
      return null;
    }
  }

  /** A line that cannot be read: where and why. Nothing of the file is kept. */
  public static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    private final long line;

    BadLine(long line, String problem) {
      super("line " + line + ": " + problem, null, false, false);
      this.line = line;
    }

    public long line() {
      return line;
    }
  }

  /**
   * The first line.
   *
   * @param version format version
   * @param serverVersion version of the server that wrote the file
   * @param project slug of the exported project
   * @param exportedAt when the export began
   * @param counts lines of each kind that follow
   */
  public record Header(
      int version,
      String serverVersion,
      String project,
      Instant exportedAt,
      Map<Kind, Long> counts) {

    public Header {
      EnumMap<Kind, Long> c = new EnumMap<>(Kind.class);
      for (Kind k : Kind.values()) {
        c.put(k, counts.getOrDefault(k, 0L));
      }
      counts = Collections.unmodifiableMap(c);
    }
  }

  /** A row line: its kind and its values by column, in the kind's column order. */
  public record Row(Kind kind, Map<String, Object> values) {

    Object get(String column) {
      return values.get(column);
    }
  }

  // --- writing --------------------------------------------------------------------------------

  static String headerLine(Header h) {
    ObjectNode n = JSON.createObjectNode();
    n.put("format", FORMAT);
    n.put("version", h.version());
    n.put("serverVersion", h.serverVersion());
    n.put("project", h.project());
    n.put("exportedAt", h.exportedAt().toString());
    n.set("counts", counts(h.counts()));
    return JSON.writeValueAsString(n);
  }

  static String endLine(Map<Kind, Long> counts) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "end");
    n.set("counts", counts(counts));
    return JSON.writeValueAsString(n);
  }

  private static ObjectNode counts(Map<Kind, Long> counts) {
    ObjectNode c = JSON.createObjectNode();
    for (Kind k : Kind.values()) {
      c.put(k.wire(), counts.getOrDefault(k, 0L));
    }
    return c;
  }

  /** A row as a line; values as {@link #value} reads them from the database. */
  static String rowLine(Kind kind, Map<String, Object> values) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", kind.wire());
    ObjectNode row = n.putObject("row");
    for (Column c : kind.columns()) {
      Object v = values.get(c.name());
      if (v == null) {
        row.putNull(c.name());
      } else {
        switch (c.type()) {
          case TEXT, UUID -> row.put(c.name(), v.toString());
          case LONG -> row.put(c.name(), ((Number) v).longValue());
          case INT -> row.put(c.name(), ((Number) v).intValue());
          case BOOL -> row.put(c.name(), (Boolean) v);
          case TIME -> row.put(c.name(), instant(v).toString());
          default -> throw new IllegalStateException(c.type().name());
        }
      }
    }
    return JSON.writeValueAsString(n);
  }

  private static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    throw new IllegalStateException("not a time: " + v.getClass());
  }

  // --- reading --------------------------------------------------------------------------------

  /** Reads the first line. */
  static Header header(long lineNo, String line) throws BadLine {
    JsonNode n = object(lineNo, line);
    if (!FORMAT.equals(n.path("format").stringValue(null))) {
      throw new BadLine(
          lineNo, "not a Shimwatch project export (the first line has no format '" + FORMAT + "')");
    }
    JsonNode version = n.path("version");
    if (!version.isIntegralNumber()) {
      throw new BadLine(lineNo, "the format version is missing");
    }
    if (version.longValue() != VERSION) {
      throw new BadLine(
          lineNo,
          "format version "
              + version.asString()
              + " is not one this server reads (it reads version "
              + VERSION
              + ")");
    }
    String server = n.path("serverVersion").stringValue(null);
    String project = n.path("project").stringValue(null);
    String at = n.path("exportedAt").stringValue(null);
    if (server == null || project == null || at == null) {
      throw new BadLine(lineNo, "serverVersion, project and exportedAt are needed");
    }
    Instant exportedAt;
    try {
      exportedAt = Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new BadLine(lineNo, "exportedAt is not an ISO-8601 instant");
    }
    return new Header(VERSION, server, project, exportedAt, readCounts(lineNo, n.path("counts")));
  }

  private static Map<Kind, Long> readCounts(long lineNo, JsonNode counts) throws BadLine {
    if (!counts.isObject()) {
      throw new BadLine(lineNo, "counts are missing");
    }
    Map<Kind, Long> c = new EnumMap<>(Kind.class);
    for (String name : counts.propertyNames()) {
      Kind k = Kind.named(name);
      JsonNode v = counts.get(name);
      if (k == null) {
        throw new BadLine(lineNo, "counts name an unknown kind '" + name + "'");
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
        throw new BadLine(lineNo, "the count of " + name + " is not a whole number");
      }
      c.put(k, v.longValue());
    }
    return c;
  }

  /** What a line after the header is: a row, or the end with its counts. */
  sealed interface Line {}

  record RowLine(Row row) implements Line {}

  record EndLine(Map<Kind, Long> counts) implements Line {}

  /** Reads a line after the header, checking every column against the kind's. */
  static Line line(long lineNo, String line) throws BadLine {
    JsonNode n = object(lineNo, line);
    String kindName = n.path("kind").stringValue(null);
    if (kindName == null) {
      throw new BadLine(lineNo, "the line has no kind");
    }
    if ("end".equals(kindName)) {
      return new EndLine(readCounts(lineNo, n.path("counts")));
    }
    Kind kind = Kind.named(kindName);
    if (kind == null) {
      throw new BadLine(lineNo, "unknown kind '" + kindName + "'");
    }
    JsonNode row = n.path("row");
    if (!row.isObject()) {
      throw new BadLine(lineNo, "a " + kindName + " line has no row");
    }
    List<String> known = new ArrayList<>();
    for (Column c : kind.columns()) {
      known.add(c.name());
    }
    for (String name : row.propertyNames()) {
      if (!known.contains(name)) {
        throw new BadLine(lineNo, kindName + " has no column '" + name + "'");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Column c : kind.columns()) {
      values.put(c.name(), value(lineNo, kindName, c, row.get(c.name())));
    }
    return new RowLine(new Row(kind, Collections.unmodifiableMap(values)));
  }

  private static Object value(long lineNo, String kind, Column c, JsonNode v) throws BadLine {
    String where = kind + "." + c.name();
    if (v == null || v.isNull()) {
      if (!c.nullable()) {
        throw new BadLine(lineNo, where + " is missing");
      }
      return null;
    }
    switch (c.type()) {
      case TEXT -> {
        if (!v.isString()) {
          throw new BadLine(lineNo, where + " is not a string");
        }
        String s = v.stringValue();
        if (c.maxLength() > 0 && s.length() > c.maxLength()) {
          throw new BadLine(lineNo, where + " is longer than " + c.maxLength() + " characters");
        }
        return s;
      }
      case LONG, INT -> {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
          throw new BadLine(lineNo, where + " is not a whole number");
        }
        long l = v.longValue();
        if (c.type() == Type.INT) {
          if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new BadLine(lineNo, where + " is out of range");
          }
          return (int) l;
        }
        return l;
      }
      case BOOL -> {
        if (!v.isBoolean()) {
          throw new BadLine(lineNo, where + " is not true or false");
        }
        return v.booleanValue();
      }
      case TIME -> {
        if (!v.isString()) {
          throw new BadLine(lineNo, where + " is not a time");
        }
        try {
          return Instant.parse(v.stringValue()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          throw new BadLine(lineNo, where + " is not an ISO-8601 instant");
        }
      }
      case UUID -> {
        if (!v.isString()) {
          throw new BadLine(lineNo, where + " is not a UUID");
        }
        try {
          UUID u = java.util.UUID.fromString(v.stringValue());
          if (!u.toString().equals(v.stringValue().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException();
          }
          return u;
        } catch (IllegalArgumentException e) {
          throw new BadLine(lineNo, where + " is not a UUID");
        }
      }
      default -> throw new IllegalStateException(c.type().name());
    }
  }

  private static JsonNode object(long lineNo, String line) throws BadLine {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JacksonException e) {
      throw new BadLine(lineNo, "not a JSON object (cut short, or not JSON)");
    }
    if (n == null || !n.isObject()) {
      throw new BadLine(lineNo, "not a JSON object");
    }
    return n;
  }

  /** The kinds in file order, for messages. */
  static String order() {
    return String.join(", ", Arrays.stream(Kind.values()).map(Kind::wire).toList());
  }
}
