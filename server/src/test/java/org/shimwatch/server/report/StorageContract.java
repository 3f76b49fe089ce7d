package org.shimwatch.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.web.ForeignInstallation;
import org.shimwatch.web.NotFound;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every storage backend must do, the same on H2 and PostgreSQL: each backend's test class
 * extends this and only says how to reach its database.
 */
abstract class StorageContract {

  static final String SECRET = "storage-contract-secret-0001";

  @Autowired ReportStore store;
  @Autowired InstallationDeletion deletion;
  @Autowired RetentionJob retention;
  @Autowired ProjectService projects;
  @Autowired JdbcTemplate jdbc;

  long project() {
    return projects.find("default").map(Project::getId).orElseThrow();
  }

  static Report report(String example) throws Exception {
    ObjectNode r = (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text(example));
    r.put("reportId", UUID.randomUUID().toString());
    r.put("installationId", UUID.randomUUID().toString());
    return ReportValidator.instance().parse(r.toString());
  }

  Receipt put(Report r) {
    return store.store(project(), r, ReportJson.write(r), SECRET, false);
  }

  int rows(String where, Object... args) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM report WHERE " + where, Integer.class, args);
  }

  /**
   * The data types each kind of column may have, as the databases' INFORMATION_SCHEMA name them.
   */
  private static final Map<ReportColumn.Type, Set<String>> SQL_TYPES =
      Map.of(
          ReportColumn.Type.LONG, Set.of("bigint"),
          ReportColumn.Type.INT, Set.of("integer"),
          ReportColumn.Type.SHORT, Set.of("smallint"),
          ReportColumn.Type.BOOLEAN, Set.of("boolean"),
          ReportColumn.Type.UUID, Set.of("uuid"),
          ReportColumn.Type.INSTANT, Set.of("timestamp with time zone"),
          // H2 keeps TEXT as a large object
          ReportColumn.Type.TEXT, Set.of("character varying", "text", "character large object"));

  @Test
  void theReportColumnsAreTheTablesColumns() {
    Map<String, String> described = new TreeMap<>();
    for (ReportColumn c : ReportColumn.values()) {
      described.put(c.sqlName(), c.type() + (c.nullable() ? " null" : " not null"));
    }
    Map<String, String> table = new TreeMap<>();
    jdbc.query(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
            + " WHERE LOWER(table_name) = 'report' AND table_schema = CURRENT_SCHEMA",
        rs -> {
          String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
          String type =
              SQL_TYPES.entrySet().stream()
                  .filter(e -> e.getValue().contains(dataType))
                  .map(e -> e.getKey().name())
                  .findFirst()
                  .orElse(dataType);
          table.put(
              rs.getString(1).toLowerCase(Locale.ROOT),
              type + ("YES".equals(rs.getString(3)) ? " null" : " not null"));
        });

    assertThat(table).isEqualTo(described);
  }

  @Test
  void storesAReportOnceAndAnswersTheSameReceiptAfter() throws Exception {
    Report r = report("linux-aria2c-works");

    Receipt first = put(r);
    Receipt again = put(r);

    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.receivedAt()).isEqualTo(first.receivedAt());
    assertThat(rows("report_id = ?", r.reportId())).isEqualTo(1);
  }

  @Test
  void concurrentStoresOfOneReportMakeOneRow() throws Exception {
    Report r = report("os2-bittorrent-trap-tcpip32");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Receipt>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tasks.add(() -> put(r));
      }
      List<Receipt> receipts = new ArrayList<>();
      for (Future<Receipt> f : pool.invokeAll(tasks)) {
        receipts.add(f.get());
      }

      assertThat(receipts.stream().filter(x -> !x.duplicate())).hasSize(1);
      assertThat(receipts.stream().map(Receipt::receivedAt).distinct()).hasSize(1);
      assertThat(rows("report_id = ?", r.reportId())).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void normalizedColumnsHoldTheEnvironment() throws Exception {
    Report r = report("os2-bittorrent-trap-tcpip32");
    put(r);

    var row =
        jdbc.queryForMap(
            "SELECT os_family, stack_version, stack_level, fixes_key, client_name, client_version,"
                + " install_mode, trap_count, consent_level, has_metrics FROM report WHERE report_id = ?",
            r.reportId());

    assertThat(row)
        .containsEntry(key(row, "os_family"), "os2")
        .containsEntry(key(row, "stack_version"), "4.3")
        .containsEntry(key(row, "stack_level"), "UN02200")
        .containsEntry(key(row, "fixes_key"), "csd:UN02200,csd:WR08700,newstack:NEWSTACK=2004-03")
        .containsEntry(key(row, "client_name"), "BitTorrent")
        .containsEntry(key(row, "install_mode"), "replace-lib-dynload");
    assertThat(((Number) row.get(key(row, "trap_count"))).intValue()).isEqualTo(1);
    assertThat(((Number) row.get(key(row, "consent_level"))).intValue()).isEqualTo(3);
    assertThat(row.get(key(row, "has_metrics"))).isEqualTo(false);
  }

  @Test
  void theLongestValidValuesFit() throws Exception {
    ObjectNode r =
        (ObjectNode) ReportJson.mapper().readTree(ReportJson.write(report("linux-aria2c-works")));
    r.put("comment", "é".repeat(4000));
    ((ObjectNode) r.at("/environment/client"))
        .put("name", "n".repeat(128))
        .put("version", "v".repeat(64));
    ((ObjectNode) r.at("/environment/os")).put("name", "o".repeat(128));
    var fixes = r.withArray("/environment/fixes");
    for (int i = 0; i < 200; i++) {
      fixes
          .addObject()
          .put("kind", "package")
          .put("id", "pkg-" + i + "-" + "x".repeat(100))
          .put("version", "1." + i);
    }
    Report big = ReportValidator.instance().parse(r.toString());

    put(big);

    assertThat(
            jdbc.queryForObject(
                "SELECT comment_text FROM report WHERE report_id = ?",
                String.class,
                big.reportId()))
        .hasSize(4000);
    assertThat(
            jdbc.queryForObject(
                "SELECT fixes_key FROM report WHERE report_id = ?", String.class, big.reportId()))
        .hasSizeLessThanOrEqualTo(2048);
  }

  @Test
  void anInstallationKnownWithAnotherSecretIsRefused() throws Exception {
    Report r = report("linux-aria2c-works");
    put(r);
    Report second = withNewId(r);

    assertThatThrownBy(
            () ->
                store.store(
                    project(), second, ReportJson.write(second), "another-secret-000000", false))
        .isInstanceOf(ForeignInstallation.class)
        .hasMessageContaining("another installation secret");
    assertThat(rows("installation_id = ?", r.installationId())).isEqualTo(1);
  }

  @Test
  void deletionRemovesEverythingOfThatInstallationAndNothingElse() throws Exception {
    Report a1 = report("linux-aria2c-works");
    Report a2 = withNewId(a1);
    Report b = report("select-problem-histograms");
    put(a1);
    put(a2);
    put(b);
    int othersBefore = rows("installation_id <> ?", a1.installationId());

    InstallationDeletion.Deleted d = deletion.delete(a1.installationId(), SECRET);

    assertThat(d.reportsDeleted()).isEqualTo(2);
    assertThat(rows("installation_id = ?", a1.installationId())).isZero();
    assertThat(rows("installation_id <> ?", a1.installationId())).isEqualTo(othersBefore);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM installation WHERE id = ?",
                Integer.class,
                a1.installationId()))
        .isZero();
    assertThatThrownBy(() -> deletion.delete(a1.installationId(), SECRET))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("nothing is stored");
  }

  @Test
  void deletionWithTheWrongSecretChangesNothing() throws Exception {
    Report r = report("linux-aria2c-works");
    put(r);

    assertThatThrownBy(() -> deletion.delete(r.installationId(), "not-the-secret-0000000"))
        .isInstanceOf(ForeignInstallation.class)
        .hasMessageContaining("does not match");
    assertThat(rows("installation_id = ?", r.installationId())).isEqualTo(1);
  }

  @Test
  void retentionDropsOnlyOldRawDocumentsAndKeepsTheRows() throws Exception {
    Report old = report("linux-aria2c-works");
    Report recent = report("linux-aria2c-works");
    put(old);
    put(recent);
    jdbc.update(
        "UPDATE report SET received_at = ? WHERE report_id = ?",
        Timestamp.from(Instant.now().minus(400, ChronoUnit.DAYS)),
        old.reportId());

    int pruned = retention.pruneRawReports();

    assertThat(pruned).isGreaterThanOrEqualTo(1);
    assertThat(
            rows(
                "report_id = ? AND raw_json IS NULL AND raw_pruned_at IS NOT NULL", old.reportId()))
        .isEqualTo(1);
    assertThat(rows("report_id = ? AND raw_json IS NOT NULL", recent.reportId())).isEqualTo(1);
  }

  private static Report withNewId(Report r) throws Exception {
    ObjectNode n = (ObjectNode) ReportJson.mapper().readTree(ReportJson.write(r));
    n.put("reportId", UUID.randomUUID().toString());
    return ReportValidator.instance().parse(n.toString());
  }

  /** Column labels are upper case on H2 and lower case on PostgreSQL. */
  private static String key(java.util.Map<String, Object> row, String column) {
    return row.containsKey(column) ? column : column.toUpperCase(java.util.Locale.ROOT);
  }
}
