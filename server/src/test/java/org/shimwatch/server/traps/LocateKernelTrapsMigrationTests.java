package org.shimwatch.server.traps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.MigrationTestDatabase;
import org.shimwatch.server.rollup.TrapRow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration 15 ({@code db.migration.V15__locate_kernel_traps}) on a database whose kernel trap
 * screens all sit in one group ({@code c0000005|OS2KRNL|?}): each stored screen gets the CS:EIP its
 * raw document shows, the project is queued for a rebuild, and signed again the screens fall into
 * one group per trap number and place; the same screen sent twice stays one group. On H2 and on
 * PostgreSQL.
 */
class LocateKernelTrapsMigrationTests {

  private static final String OLD_KEY = "c0000005|OS2KRNL|?";

  @Test
  void kernelScreensRegroupByTrapNumberAndPlaceOnH2() throws Exception {
    MigrationTestDatabase.onH2("kernel", LocateKernelTrapsMigrationTests::migrate);
  }

  @Test
  void kernelScreensRegroupByTrapNumberAndPlaceOnPostgres() throws Exception {
    MigrationTestDatabase.onPostgres("kernel", LocateKernelTrapsMigrationTests::migrate);
  }

  private static void migrate(MigrationTestDatabase db) throws IOException {
    db.migrateTo("14");
    JdbcTemplate jdbc = db.jdbc();
    Timestamp at = Timestamp.from(Instant.parse("2026-11-20T12:00:00Z"));
    jdbc.update("INSERT INTO project (slug, name, created_at) VALUES ('p', 'p', ?)", at);
    long project = jdbc.queryForObject("SELECT id FROM project WHERE slug = 'p'", Long.class);
    jdbc.update("INSERT INTO project (slug, name, created_at) VALUES ('quiet', 'q', ?)", at);
    UUID installation = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO installation (id, secret_hash, created_at) VALUES (?, ?, ?)",
        installation,
        "0".repeat(64),
        at);
    // The example report: a TRAP 000e in OS2KRNL at 0168:fff3cd2e, copied by hand.
    String trap000e = example();
    String trap000d = trap000e.replace("\"000e\"", "\"000d\"").replace("fff3cd2e", "fff4b7e2");
    UUID first = report(jdbc, project, installation, at, trap000e, "000e");
    UUID again = report(jdbc, project, installation, at, trap000e, "000e");
    UUID other = report(jdbc, project, installation, at, trap000d, "000d");
    UUID pruned = report(jdbc, project, installation, at, null, "000d");
    jdbc.update(
        "INSERT INTO trap_group (project_id, signature, fault_code, module_name, location_key,"
            + " status) VALUES (?, ?, 'c0000005', 'OS2KRNL', '?', 'acknowledged')",
        project,
        OLD_KEY);

    db.migrateAll();

    assertThat(location(jdbc, first)).isEqualTo("0168:fff3cd2e");
    assertThat(location(jdbc, again)).isEqualTo("0168:fff3cd2e");
    assertThat(location(jdbc, other)).isEqualTo("0168:fff4b7e2");
    assertThat(location(jdbc, pruned)).isNull();
    assertThat(
            jdbc.query(
                "SELECT project_id, max_report_row FROM rollup_pending",
                (rs, n) -> rs.getLong(1) + "/" + rs.getLong(2)))
        .containsExactly(project + "/0");

    // What the rebuild on the next start does with these rows: sign them again.
    TrapSignatures signer = TrapSignaturesTests.DEFAULTS;
    Map<String, Integer> groups = new TreeMap<>();
    for (TrapRow row :
        jdbc.query(
            "SELECT trap_index, source, trap_number, module_name, trap_location FROM report_trap"
                + " WHERE project_id = ?",
            (rs, n) ->
                new TrapRow(
                    rs.getInt(1),
                    rs.getString(2),
                    null,
                    rs.getString(3),
                    null,
                    rs.getString(4),
                    null,
                    null,
                    null,
                    List.of(),
                    rs.getString(5),
                    OLD_KEY),
            project)) {
      groups.merge(signer.sign(row, "os2"), 1, Integer::sum);
    }
    assertThat(groups)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "trap-000d|OS2KRNL|168:fff4b7e2", 1,
                    "trap-000d|OS2KRNL|?", 1,
                    "trap-000e|OS2KRNL|168:fff3cd2e", 2)));

    MigrationInfo applied = db.applied("15");
    assertThat(applied.getVersion().getVersion()).isEqualTo("15");
    assertThat(applied.getDescription()).isEqualTo("locate kernel traps");
  }

  private static String example() throws IOException {
    try (InputStream in =
        LocateKernelTrapsMigrationTests.class.getResourceAsStream(
            "/org/shimwatch/report/examples/manual-os2-pasted.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static UUID report(
      JdbcTemplate jdbc,
      long project,
      UUID installation,
      Timestamp at,
      String raw,
      String trapNumber) {
    UUID reportId = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO report (project_id, report_id, installation_id, received_at, created_at,"
            + " consent_level, outcome, os_family, fixes_key, client_name, install_mode,"
            + " trap_count, self_test_failures, has_metrics, comment_status, demo, raw_json)"
            + " VALUES (?, ?, ?, ?, ?, 3, 'traps', 'os2', '', 'BitTorrent', 'unknown', 1, 0,"
            + " FALSE, 'none', FALSE, ?)",
        project,
        reportId,
        installation,
        at,
        at,
        raw);
    jdbc.update(
        "INSERT INTO report_trap (project_id, report_id, trap_index, source, trap_number,"
            + " module_name, frames, signature) VALUES (?, ?, 0, 'os2-trap-screen', ?, 'OS2KRNL',"
            + " '', ?)",
        project,
        reportId,
        trapNumber,
        OLD_KEY);
    return reportId;
  }

  private static String location(JdbcTemplate jdbc, UUID reportId) {
    return jdbc.queryForObject(
        "SELECT trap_location FROM report_trap WHERE report_id = ?", String.class, reportId);
  }
}
