package org.shimwatch.server.move;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shimwatch.server.move.MoveFormat.Column;
import org.shimwatch.server.move.MoveFormat.Kind;
import org.shimwatch.web.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a project as JSON lines ({@link MoveFormat}), streamed row by row: memory stays bounded
 * whatever the project's size. The export reads one repeatable-read transaction and takes the
 * reports stored when it began (by row id), so reports that arrive meanwhile are neither counted
 * nor written; the counts of the first line are those of the lines that follow.
 */
@Service
public class ProjectExport {

  private static final Logger log = LoggerFactory.getLogger(ProjectExport.class);

  /** Rows fetched at a time: PostgreSQL then streams the result instead of loading it. */
  private static final int FETCH = 1_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final String serverVersion;

  ProjectExport(
      JdbcTemplate jdbc,
      PlatformTransactionManager txManager,
      Clock clock,
      ObjectProvider<BuildProperties> build) {
    this.jdbc = new JdbcTemplate(jdbc.getDataSource());
    this.jdbc.setFetchSize(FETCH);
    this.tx = new TransactionTemplate(txManager);
    this.tx.setReadOnly(true);
    this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.clock = clock;
    BuildProperties b = build.getIfAvailable();
    this.serverVersion = b == null || b.getVersion() == null ? "unknown" : b.getVersion();
  }

  /** What an export wrote. */
  public record Result(Map<Kind, Long> counts, long lines) {}

  /** Fails with {@link NotFound} before anything is written when there is no such project. */
  public long requireProject(String slug) {
    return jdbc
        .query(
            "SELECT id FROM project WHERE slug = ?",
            (rs, n) -> rs.getLong(1),
            slug == null ? "" : slug)
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFound("project-not-found", "no project named '" + slug + "'"));
  }

  /** Writes the project to {@code out} (not closed). */
  public Result export(String slug, OutputStream out) {
    long t0 = System.nanoTime();
    Result r =
        tx.execute(
            s -> {
              long projectId = requireProject(slug);
              Long max =
                  jdbc.queryForObject(
                      "SELECT MAX(id) FROM report WHERE project_id = ?", Long.class, projectId);
              long maxRow = max == null ? 0 : max;
              try {
                Writer w =
                    new BufferedWriter(
                        new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                Result written = write(slug, projectId, maxRow, w);
                w.flush();
                return written;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    log.info(
        "export: project {}: {} lines in {} ms",
        slug,
        r.lines(),
        (System.nanoTime() - t0) / 1_000_000);
    return r;
  }

  private Result write(String slug, long projectId, long maxRow, Writer w) throws IOException {
    Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      counts.put(
          k,
          jdbc.queryForObject(
              "SELECT COUNT(*) " + from(k), Long.class, args(k, projectId, maxRow)));
    }
    w.write(
        MoveFormat.headerLine(
            new MoveFormat.Header(
                MoveFormat.VERSION, serverVersion, slug, clock.instant(), counts)));
    w.write('\n');
    long[] lines = {1};
    for (Kind k : Kind.values()) {
      String select =
          k.columns().stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "));
      jdbc.query(
          "SELECT " + select + " " + from(k) + " ORDER BY " + order(k),
          rs -> {
            Map<String, Object> values = new LinkedHashMap<>();
            int i = 1;
            for (Column c : k.columns()) {
              values.put(c.name(), read(rs, i++, c));
            }
            try {
              w.write(MoveFormat.rowLine(k, values));
              w.write('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            lines[0]++;
          },
          args(k, projectId, maxRow));
    }
    w.write(MoveFormat.endLine(counts));
    w.write('\n');
    lines[0]++;
    return new Result(counts, lines[0]);
  }

  /** The rows of a kind that belong to the project (alias {@code t}). */
  private static String from(Kind k) {
    return switch (k) {
      case PROJECT -> "FROM project t WHERE t.id = ?";
      case INGEST_KEY, TRAP_GROUP, ADVICE -> "FROM " + k.table() + " t WHERE t.project_id = ?";
      case INSTALLATION ->
          "FROM installation t WHERE t.id IN (SELECT r.installation_id FROM report r WHERE"
              + " r.project_id = ? AND r.id <= ?)";
      case REPORT -> "FROM report t WHERE t.project_id = ? AND t.id <= ?";
      case REPORT_TRAP ->
          "FROM "
              + k.table()
              + " t JOIN report r ON r.report_id = t.report_id AND r.project_id = t.project_id"
              + " WHERE r.project_id = ? AND r.id <= ?";
    };
  }

  private static String order(Kind k) {
    return switch (k) {
      case PROJECT, INGEST_KEY, TRAP_GROUP, ADVICE, INSTALLATION, REPORT -> "t.id";
      case REPORT_TRAP -> "r.id, t.trap_index";
    };
  }

  private static Object[] args(Kind k, long projectId, long maxRow) {
    return switch (k) {
      case INSTALLATION, REPORT, REPORT_TRAP -> new Object[] {projectId, maxRow};
      default -> new Object[] {projectId};
    };
  }

  private static Object read(ResultSet rs, int i, Column c) throws SQLException {
    Object v =
        switch (c.type()) {
          case TEXT -> rs.getString(i);
          case LONG -> rs.getLong(i);
          case INT -> rs.getInt(i);
          case BOOL -> rs.getBoolean(i);
          case TIME -> rs.getObject(i, OffsetDateTime.class);
          case UUID -> rs.getObject(i, UUID.class);
        };
    return rs.wasNull() ? null : v;
  }
}
