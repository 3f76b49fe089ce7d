package org.shimwatch.server.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.shimwatch.report.CallKind;
import org.shimwatch.report.CallMetrics;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Histogram;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Trap;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.CallRow;
import org.shimwatch.server.report.HistogramText;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.TrapRow;
import org.shimwatch.server.rollup.Versions;
import org.shimwatch.web.reports.ReportChoices;
import org.shimwatch.web.reports.ReportDetail;
import org.shimwatch.web.reports.ReportFilter;
import org.shimwatch.web.reports.ReportPage;
import org.shimwatch.web.reports.ReportSummary;
import org.shimwatch.web.reports.ReportsQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads the stored reports for the dashboard. The list filters on the normalized columns and pages
 * along the (project, received_at) index, newest first; the detail takes the normalized columns and
 * child rows, and adds what only the stored document carries while retention has kept it.
 */
@Service
class ReportsService implements ReportsQuery {

  private static final Logger log = LoggerFactory.getLogger(ReportsService.class);

  private static final String SUMMARY_COLUMNS =
      "report_id, received_at, outcome, os_name, os_version, stack_name, stack_version,"
          + " client_name, client_version, shim_version, trap_count, consent_level";

  private final ProjectService projects;
  private final JdbcTemplate jdbc;

  ReportsService(ProjectService projects, JdbcTemplate jdbc) {
    this.projects = projects;
    this.jdbc = jdbc;
  }

  /** A WHERE clause and its arguments. */
  record Where(String sql, List<Object> args) {}

  @Override
  public Optional<ReportPage> reports(String project, ReportFilter filter, int page, int size) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    if (page < 0 || size < 1) {
      throw new IllegalArgumentException("page from 0, size from 1");
    }
    Where where = where(p.get().getId(), filter == null ? ReportFilter.NONE : filter);
    Long total =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM report" + where.sql(), Long.class, where.args().toArray());
    long count = total == null ? 0 : total;
    List<ReportSummary> rows = List.of();
    long offset = (long) page * size;
    if (offset < count) {
      List<Object> args = new ArrayList<>(where.args());
      args.add(size);
      args.add(offset);
      rows =
          jdbc.query(
              "SELECT "
                  + SUMMARY_COLUMNS
                  + " FROM report"
                  + where.sql()
                  + " ORDER BY project_id DESC, received_at DESC, id DESC LIMIT ? OFFSET ?",
              (rs, n) -> summary(rs),
              args.toArray());
    }
    return Optional.of(new ReportPage(page, size, count, rows));
  }

  static Where where(long projectId, ReportFilter f) {
    StringBuilder sql = new StringBuilder(" WHERE project_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(projectId);
    if (f.outcome() != null) {
      sql.append(" AND outcome = ?");
      args.add(f.outcome());
    }
    if (f.os() != null) {
      String v = lower(f.os());
      sql.append(
          " AND (LOWER(os_name) = ? OR LOWER(os_family) = ? OR LOWER(os_name || ' ' ||"
              + " os_version) = ?)");
      args.addAll(List.of(v, v, v));
    }
    if (f.stack() != null) {
      String v = lower(f.stack());
      // A kernel series (linux 6.1), as the matrix's rows and this filter's choices name Linux
      // stacks, also matches the releases in it (6.1.0-27-amd64).
      String series = v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%";
      sql.append(
          " AND (LOWER(stack_name) = ? OR LOWER(stack_version) = ? OR LOWER(stack_name || ' ' ||"
              + " stack_version) = ? OR (stack_name = 'linux' AND (LOWER(stack_version) LIKE ?"
              + " ESCAPE '\\' OR LOWER(stack_name || ' ' || stack_version) LIKE ? ESCAPE '\\')))");
      args.addAll(List.of(v, v, v, series, series));
    }
    if (f.client() != null) {
      String v = lower(f.client());
      sql.append(
          " AND (LOWER(client_name) = ? OR LOWER(client_name || ' ' || client_version) = ?)");
      args.addAll(List.of(v, v));
    }
    if (f.shim() != null) {
      sql.append(" AND LOWER(shim_version) = ?");
      args.add(lower(f.shim()));
    }
    if (f.hasTrap() != null) {
      sql.append(f.hasTrap() ? " AND trap_count > 0" : " AND trap_count = 0");
    }
    if (f.consentLevel() != null) {
      sql.append(" AND consent_level = ?");
      args.add(f.consentLevel());
    }
    // Always a range on received_at, from the epoch when no day is given: with it H2 reads the
    // (project_id, received_at) index in order and stops after the page, instead of sorting every
    // report of the project found through the project_id index.
    sql.append(" AND received_at >= ?");
    args.add(
        Timestamp.from(
            f.from() == null ? Instant.EPOCH : f.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
    if (f.to() != null) {
      sql.append(" AND received_at < ?");
      args.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
    if (f.q() != null) {
      String like = LikePattern.contains(f.q());
      String escape = " ESCAPE '" + LikePattern.ESCAPE + "'";
      sql.append(" AND (");
      String[] columns = {
        "client_name", "client_version", "stack_name", "stack_version", "comment_text"
      };
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          sql.append(" OR ");
        }
        sql.append("LOWER(").append(columns[i]).append(") LIKE ?").append(escape);
        args.add(like);
      }
      sql.append(')');
    }
    return new Where(sql.toString(), args);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static ReportSummary summary(ResultSet rs) throws SQLException {
    return new ReportSummary(
        rs.getObject(1, UUID.class),
        rs.getTimestamp(2).toInstant(),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getInt(11),
        rs.getInt(12));
  }

  @Override
  public Optional<ReportChoices> choices(String project) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long id = p.get().getId();
    TreeSet<String> platforms = new TreeSet<>();
    TreeSet<String> stacks = new TreeSet<>();
    jdbc.query(
        "SELECT DISTINCT os_name, os_version, stack_name, stack_version FROM matrix_row"
            + " WHERE project_id = ?",
        rs -> {
          platforms.add(RolledReport.label(rs.getString(1), rs.getString(2), ""));
          stacks.add(RolledReport.label(rs.getString(3), rs.getString(4), ""));
        },
        id);
    TreeSet<String> clients = new TreeSet<>();
    TreeSet<String> shims = new TreeSet<>(Versions.ORDER);
    jdbc.query(
        "SELECT DISTINCT client_name, shim_version FROM matrix_cell WHERE project_id = ?",
        rs -> {
          clients.add(RolledReport.nz(rs.getString(1)));
          shims.add(RolledReport.nz(rs.getString(2)));
        },
        id);
    platforms.remove("");
    stacks.remove("");
    clients.remove("");
    shims.remove("");
    return Optional.of(
        new ReportChoices(
            List.copyOf(platforms), List.copyOf(stacks), List.copyOf(clients), List.copyOf(shims)));
  }

  @Override
  public Optional<ReportDetail> report(String project, UUID reportId) {
    Optional<Project> p = projects.find(project);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    long projectId = p.get().getId();
    List<ReportDetail> found =
        jdbc.query(
            "SELECT "
                + SUMMARY_COLUMNS
                + ", created_at, source, os_family, os_revision, stack_level, fixes_key,"
                + " runtime_name, runtime_version, install_mode, self_test_failures, comment_text,"
                + " comment_status, demo, raw_pruned_at, raw_json, calls"
                + " FROM report WHERE report_id = ? AND project_id = ?",
            (rs, n) -> detail(projectId, rs),
            reportId,
            projectId);
    return found.stream().findFirst();
  }

  private ReportDetail detail(long projectId, ResultSet rs) throws SQLException {
    ReportSummary s = summary(rs);
    Timestamp pruned = rs.getTimestamp(26);
    String raw = rs.getString(27);
    Report document = parse(raw, s.reportId());
    String runtime = RolledReport.label(rs.getString(19), rs.getString(20), null);
    List<String> fixes = new ArrayList<>();
    String fixesKey = rs.getString(18);
    if (fixesKey != null && !fixesKey.isEmpty()) {
      fixes.addAll(Arrays.asList(fixesKey.split(",")));
    }
    List<ReportDetail.Component> components = new ArrayList<>();
    List<ReportDetail.SelfTest> selfTests = new ArrayList<>();
    if (document != null) {
      Environment env = document.environment();
      if (env != null && env.stack() != null && env.stack().components() != null) {
        for (Environment.Component c : env.stack().components()) {
          components.add(new ReportDetail.Component(c.name(), c.version(), c.present()));
        }
      }
      if (document.selfTests() != null) {
        for (SelfTestResult t : document.selfTests()) {
          List<String> values = new ArrayList<>();
          if (t.values() != null) {
            t.values().forEach((k, v) -> values.add(k + "=" + v));
          }
          selfTests.add(
              new ReportDetail.SelfTest(
                  t.id(), wire(t.result()), t.summary(), t.durationMs(), values));
        }
      }
    }
    return new ReportDetail(
        s,
        rs.getTimestamp(13).toInstant(),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        components,
        fixes,
        runtime,
        rs.getString(21),
        selfTests,
        rs.getInt(22),
        calls(rs.getString(28), document),
        traps(projectId, s.reportId(), document),
        rs.getString(23),
        rs.getString(24),
        rs.getBoolean(25),
        raw != null,
        pruned == null ? null : pruned.toInstant(),
        raw);
  }

  private static Report parse(String raw, UUID reportId) {
    if (raw == null) {
      return null;
    }
    try {
      return ReportJson.mapper().readValue(raw, Report.class);
    } catch (RuntimeException e) {
      // Stored documents were valid when they came; one that no longer reads (an older contract)
      // is shown from its columns alone.
      log.warn("stored document of report {} does not read: {}", reportId, e.getMessage());
      return null;
    }
  }

  private List<ReportDetail.Call> calls(String stored, Report document) {
    Map<CallKind, CallMetrics> fromDocument =
        document != null && document.metrics() != null && document.metrics().calls() != null
            ? document.metrics().calls().byKind()
            : Map.of();
    Map<String, ReportDetail.Call> byKind = new TreeMap<>(kindOrder());
    for (CallRow c : CallRow.parse(stored)) {
      String kind = c.kind();
      CallMetrics m = fromDocument.get(CallKind.ofWireName(kind));
      Histogram latency =
          m != null && m.latency() != null
              ? m.latency()
              : HistogramText.histogram(HistogramText.parse(c.latency()));
      Histogram overshoot =
          m != null && m.timeoutOvershoot() != null
              ? m.timeoutOvershoot()
              : HistogramText.histogram(HistogramText.parse(c.overshoot()));
      Map<String, Long> results = new LinkedHashMap<>();
      Map<String, Long> errors = new LinkedHashMap<>();
      Map<String, Long> anomalies = new LinkedHashMap<>();
      if (m != null && m.results() != null) {
        results.put("ready", m.results().ready());
        results.put("timeout", m.results().timeout());
        results.put("interrupted", m.results().interrupted());
        results.put("error", m.results().error());
      }
      if (m != null && m.errors() != null) {
        errors.putAll(m.errors());
      }
      if (m != null && m.anomalies() != null) {
        anomalies.put("fdAboveSetsize", m.anomalies().fdAboveSetsize());
        anomalies.put("nonSocketFds", m.anomalies().nonSocketFds());
        anomalies.put("zeroTimeoutCalls", m.anomalies().zeroTimeoutCalls());
        anomalies.put("maxNfds", m.anomalies().maxNfds());
      } else {
        anomalies.put("fdAboveSetsize", c.fdAboveSetsize());
      }
      byKind.put(
          kind,
          new ReportDetail.Call(
              kind,
              c.count(),
              results,
              errors,
              Buckets.bins(latency.buckets()),
              Buckets.percentiles(latency),
              Buckets.bins(overshoot.buckets()),
              Buckets.percentiles(overshoot),
              anomalies));
    }
    return List.copyOf(byKind.values());
  }

  private static Comparator<String> kindOrder() {
    return Comparator.comparingInt(
            (String k) -> {
              CallKind c = CallKind.ofWireName(k);
              return c == null ? Integer.MAX_VALUE : c.ordinal();
            })
        .thenComparing(Comparator.naturalOrder());
  }

  private List<ReportDetail.TrapView> traps(long projectId, UUID reportId, Report document) {
    List<Trap> fromDocument =
        document != null && document.traps() != null ? document.traps() : List.of();
    List<ReportDetail.TrapView> out = new ArrayList<>();
    jdbc.query(
        "SELECT t.trap_index, t.source, t.signal_name, t.trap_number, t.exception_code,"
            + " t.module_name, t.object_number, t.module_offset, t.trap_time, t.frames, g.id"
            + " FROM report_trap t LEFT JOIN trap_group g ON g.signature = t.signature"
            + " AND g.project_id = t.project_id"
            + " WHERE t.report_id = ? AND t.project_id = ? ORDER BY t.trap_index",
        rs -> {
          int index = rs.getInt(1);
          Trap t = index < fromDocument.size() ? fromDocument.get(index) : null;
          String fault = fault(rs.getString(3), rs.getString(4), rs.getString(5));
          String object = rs.getString(7);
          String offset = rs.getString(8);
          String location = offset == null ? null : object == null ? offset : object + ":" + offset;
          Timestamp time = rs.getTimestamp(9);
          long group = rs.getLong(11);
          Long groupId = rs.wasNull() ? null : group;
          List<ReportDetail.Frame> frames = new ArrayList<>();
          List<ReportDetail.RecentCall> recent = new ArrayList<>();
          Map<String, String> registers = new TreeMap<>();
          String errorCode = null;
          String process = null;
          if (t != null && t.frames() != null) {
            for (Trap.Frame f : t.frames()) {
              frames.add(new ReportDetail.Frame(f.module(), f.object(), f.offset(), f.symbol()));
            }
          } else {
            for (TrapRow.Frame f : TrapRow.parseFrames(rs.getString(10))) {
              frames.add(new ReportDetail.Frame(f.module(), f.object(), f.offset(), null));
            }
          }
          if (t != null) {
            errorCode = t.errorCode();
            process = t.process() == null ? null : t.process().name();
            if (t.recentCalls() != null) {
              for (Trap.RecentCall c : t.recentCalls()) {
                recent.add(
                    new ReportDetail.RecentCall(
                        c.call(), c.nfds(), c.timeoutNs(), c.result(), c.errno(), c.latencyNs()));
              }
            }
            if (t.registers() != null) {
              registers.putAll(t.registers());
            }
          }
          out.add(
              new ReportDetail.TrapView(
                  index,
                  rs.getString(2),
                  fault,
                  errorCode,
                  rs.getString(6),
                  location,
                  time == null ? null : time.toInstant(),
                  process,
                  groupId,
                  frames,
                  recent,
                  registers));
        },
        reportId,
        projectId);
    return out;
  }

  static String fault(String signal, String trapNumber, String exceptionCode) {
    List<String> parts = new ArrayList<>();
    if (signal != null) {
      parts.add(signal);
    }
    if (trapNumber != null) {
      parts.add("trap " + trapNumber);
    }
    if (exceptionCode != null) {
      parts.add(exceptionCode);
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static String wire(Enum<?> e) {
    return ReportJson.mapper().valueToTree(e).asString();
  }
}
