package org.shimwatch.server.move;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shimwatch.server.move.MoveFormat.BadLine;
import org.shimwatch.server.move.MoveFormat.Column;
import org.shimwatch.server.move.MoveFormat.Kind;
import org.shimwatch.server.move.MoveFormat.Row;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.rollup.RollupRebuild;
import org.shimwatch.web.AlreadyExists;
import org.shimwatch.web.ChangeRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a project export ({@link MoveFormat}) line by line into a new project, in one transaction:
 * a line that does not read, a file cut short (no end line, or counts that differ), a duplicate id
 * or a row the database refuses rolls all of it back, so a bad file changes nothing. Memory is
 * bounded by a batch of rows and the ids of the file's installations and trap groups, not by its
 * reports. Once the rows are in, the project's rollups (matrix, trends, trap groups, latency) are
 * rebuilt from its reports as the start-up backfill does, in the same transaction.
 */
@Service
public class ProjectImport {

  private static final Logger log = LoggerFactory.getLogger(ProjectImport.class);

  private static final int BATCH = 500;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final RollupRebuild rebuild;

  ProjectImport(JdbcTemplate jdbc, PlatformTransactionManager txManager, RollupRebuild rebuild) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(txManager);
    this.rebuild = rebuild;
  }

  /**
   * What an import did.
   *
   * @param project the new project's slug
   * @param from the server version that wrote the file
   * @param counts rows read of each kind
   * @param keysSkipped ingest keys left out because this server has them already (they stay with
   *     the project that has them)
   * @param installationsKnown installations this server knew already, with the same secret
   * @param rebuiltReports reports the rollups were rebuilt from
   * @param took how long it took
   */
  public record Result(
      String project,
      String from,
      Map<Kind, Long> counts,
      long keysSkipped,
      long installationsKnown,
      long rebuiltReports,
      Duration took) {}

  /**
   * Imports the file as project {@code as} (or the name it was exported under when null).
   *
   * @throws ChangeRefused a line that does not read, or a file cut short (nothing is kept)
   * @throws AlreadyExists a project of that name exists, or an installation of the file is known
   *     here with another secret
   */
  public Result importProject(InputStream in, String as) {
    long t0 = System.nanoTime();
    Result r = tx.execute(s -> run(new Lines(in), as, t0));
    log.info(
        "import: project {} from a {} export: {} reports, rollups rebuilt, {} ms",
        r.project(),
        r.from(),
        r.counts().get(Kind.REPORT),
        r.took().toMillis());
    return r;
  }

  private Result run(Lines lines, String as, long t0) {
    try {
      return read(lines, as, t0);
    } catch (BadLine e) {
      throw new ChangeRefused(
          "invalid-export", "The export was not imported, nothing changed: " + e.getMessage());
    }
  }

  private Result read(Lines lines, String as, long t0) throws BadLine {
    String first = lines.next();
    if (first == null) {
      throw new BadLine(1, "the file is empty");
    }
    MoveFormat.Header header = MoveFormat.header(1, first);
    String slug = as == null || as.isBlank() ? header.project() : as.strip();
    if (!ProjectService.validSlug(slug)) {
      throw new ChangeRefused(
          "invalid-slug",
          "'"
              + slug
              + "' is not a project slug (1 to 64 lower-case letters, digits and dashes, starting"
              + " with a letter or digit).");
    }
    if (jdbc.queryForObject("SELECT COUNT(*) FROM project WHERE slug = ?", Long.class, slug) > 0) {
      throw new AlreadyExists(
          "project-exists",
          "A project named '"
              + slug
              + "' already exists here; import it under another name with ?as=<new name>.");
    }
    State st = new State(slug);
    Map<Kind, Long> seen = new EnumMap<>(Kind.class);
    MoveFormat.EndLine end = null;
    String line;
    while ((line = lines.next()) != null) {
      long no = lines.number();
      if (end != null) {
        throw new BadLine(no, "there is more after the end line");
      }
      MoveFormat.Line parsed = MoveFormat.line(no, line);
      if (parsed instanceof MoveFormat.EndLine e) {
        st.flush(no);
        end = e;
        continue;
      }
      Row row = ((MoveFormat.RowLine) parsed).row();
      if (st.kind != null && row.kind().ordinal() < st.kind.ordinal()) {
        throw new BadLine(
            no,
            "a "
                + row.kind().wire()
                + " line after "
                + st.kind.wire()
                + " lines (the order is "
                + MoveFormat.order()
                + ")");
      }
      if (row.kind() != Kind.PROJECT && st.projectId == null) {
        throw new BadLine(no, "the project line must come first");
      }
      if (st.kind != row.kind()) {
        st.flush(no);
        st.kind = row.kind();
      }
      seen.merge(row.kind(), 1L, Long::sum);
      st.add(no, row);
    }
    if (end == null) {
      throw new BadLine(lines.number() + 1, "the file is cut short: it has no end line");
    }
    for (Kind k : Kind.values()) {
      long n = seen.getOrDefault(k, 0L);
      if (n != end.counts().getOrDefault(k, 0L) || n != header.counts().get(k)) {
        throw new BadLine(
            lines.number(),
            "the file holds "
                + n
                + " "
                + k.wire()
                + " lines but says "
                + header.counts().get(k)
                + ": it is incomplete or was changed");
      }
    }
    if (seen.getOrDefault(Kind.PROJECT, 0L) != 1) {
      throw new BadLine(lines.number(), "the file must hold exactly one project line");
    }
    RollupRebuild.Result built = rebuild.rebuild(st.projectId);
    return new Result(
        slug,
        header.serverVersion(),
        new EnumMap<>(seen),
        st.keysSkipped,
        st.installationsKnown,
        built.reports(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** What the import has done so far in its transaction. */
  private final class State {
    final String slug;
    Long projectId;
    Kind kind;
    long keysSkipped;
    long installationsKnown;
    final Set<UUID> installations = new HashSet<>();
    final Map<Long, Long> groupIds = new HashMap<>();
    final List<Object[]> batch = new ArrayList<>();
    long batchFirstLine;

    State(String slug) {
      this.slug = slug;
    }

    void add(long no, Row row) throws BadLine {
      switch (row.kind()) {
        case PROJECT -> {
          if (projectId != null) {
            throw new BadLine(no, "a second project line");
          }
          GeneratedKeyHolder keys = new GeneratedKeyHolder();
          jdbc.update(
              c -> {
                PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO project (slug, name, created_at) VALUES (?, ?, ?)",
                        new String[] {"id"});
                ps.setString(1, slug);
                ps.setString(2, (String) row.get("name"));
                ps.setObject(3, row.get("created_at"));
                return ps;
              },
              keys);
          projectId = keys.getKey().longValue();
        }
        case INGEST_KEY -> {
          Long known =
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM ingest_key WHERE key_hash = ?",
                  Long.class,
                  row.get("key_hash"));
          if (known > 0) {
            keysSkipped++;
          } else {
            queue(no, row, Map.of());
          }
        }
        case INSTALLATION -> {
          UUID id = (UUID) row.get("id");
          if (!installations.add(id)) {
            throw new BadLine(no, "installation " + id + " is in the file twice");
          }
          List<String> secret =
              jdbc.queryForList(
                  "SELECT secret_hash FROM installation WHERE id = ?", String.class, id);
          if (secret.isEmpty()) {
            queue(no, row, Map.of());
          } else if (secret.get(0).equals(row.get("secret_hash"))) {
            installationsKnown++;
          } else {
            throw new AlreadyExists(
                "installation-conflict",
                "Line "
                    + no
                    + ": installation "
                    + id
                    + " is known here with another secret; nothing was imported.");
          }
        }
        case TRAP_GROUP -> {
          long oldId = (Long) row.get("id");
          if (groupIds.containsKey(oldId)) {
            throw new BadLine(no, "trap group " + oldId + " is in the file twice");
          }
          List<Column> cols = row.kind().columns().subList(1, row.kind().columns().size());
          GeneratedKeyHolder keys = new GeneratedKeyHolder();
          try {
            jdbc.update(
                c -> {
                  PreparedStatement ps =
                      c.prepareStatement(insertSql("trap_group", cols), new String[] {"id"});
                  ps.setLong(1, projectId);
                  int i = 2;
                  for (Column col : cols) {
                    ps.setObject(i++, row.get(col.name()));
                  }
                  return ps;
                },
                keys);
          } catch (DataAccessException e) {
            throw new BadLine(no, "the trap group is refused (a signature twice?)");
          }
          groupIds.put(oldId, keys.getKey().longValue());
        }
        case ADVICE -> {
          Long group = (Long) row.get("trap_group_id");
          Long mapped = null;
          if (group != null) {
            mapped = groupIds.get(group);
            if (mapped == null) {
              throw new BadLine(no, "the advice names trap group " + group + ", not in the file");
            }
          }
          queue(no, row, Map.of("trap_group_id", mapped == null ? NULL : mapped));
        }
        default -> queue(no, row, Map.of());
      }
    }

    private static final Object NULL = new Object();

    void queue(long no, Row row, Map<String, Object> replaced) throws BadLine {
      if (batch.isEmpty()) {
        batchFirstLine = no;
      }
      boolean withProject = row.kind() != Kind.INSTALLATION;
      List<Column> cols = row.kind().columns();
      Object[] args = new Object[cols.size() + (withProject ? 1 : 0)];
      int i = 0;
      if (withProject) {
        args[i++] = projectId;
      }
      for (Column c : cols) {
        Object v = replaced.containsKey(c.name()) ? replaced.get(c.name()) : row.get(c.name());
        args[i++] = v == NULL ? null : v;
      }
      batch.add(args);
      if (batch.size() >= BATCH) {
        flush(no);
      }
    }

    void flush(long no) throws BadLine {
      if (batch.isEmpty()) {
        return;
      }
      Kind k = kind;
      try {
        if (k == Kind.INSTALLATION) {
          jdbc.batchUpdate(
              "INSERT INTO installation ("
                  + k.columns().stream().map(Column::name).collect(Collectors.joining(", "))
                  + ") VALUES ("
                  + k.columns().stream().map(c -> "?").collect(Collectors.joining(", "))
                  + ")",
              batch);
        } else {
          jdbc.batchUpdate(insertSql(k.table(), k.columns()), batch);
        }
      } catch (DataAccessException e) {
        throw new BadLine(
            batchFirstLine,
            "the database refused the "
                + k.wire()
                + " lines "
                + batchFirstLine
                + " to "
                + no
                + (k == Kind.REPORT
                    ? " (a report id twice?)"
                    : k == Kind.REPORT_TRAP
                        ? " (a trap of a report not in the file, or twice?)"
                        : ""));
      }
      batch.clear();
    }

    private static String insertSql(String table, List<Column> cols) {
      return "INSERT INTO "
          + table
          + " (project_id, "
          + cols.stream().map(Column::name).collect(Collectors.joining(", "))
          + ") VALUES (?, "
          + cols.stream().map(c -> "?").collect(Collectors.joining(", "))
          + ")";
    }
  }

  /** Lines of UTF-8 text, each at most {@link MoveFormat#MAX_LINE_CHARS} long. */
  static final class Lines {
    private final Reader in;
    private long number;
    private final StringBuilder sb = new StringBuilder();

    Lines(InputStream in) {
      this.in =
          new java.io.BufferedReader(
              new InputStreamReader(
                  in,
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPORT)
                      .onUnmappableCharacter(CodingErrorAction.REPORT)),
              64 * 1024);
    }

    long number() {
      return number;
    }

    /** The next line without its end, or null at the end of the file; blank lines are skipped. */
    String next() throws BadLine {
      while (true) {
        sb.setLength(0);
        boolean any = false;
        try {
          int c;
          while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
              break;
            }
            if (sb.length() >= MoveFormat.MAX_LINE_CHARS) {
              throw new BadLine(
                  number + 1, "longer than " + MoveFormat.MAX_LINE_CHARS + " characters");
            }
            sb.append((char) c);
          }
        } catch (CharacterCodingException e) {
          throw new BadLine(number + 1, "not UTF-8 text");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (!any) {
          return null;
        }
        number++;
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
          sb.setLength(sb.length() - 1);
        }
        if (!sb.toString().isBlank()) {
          return sb.toString();
        }
      }
    }
  }
}
