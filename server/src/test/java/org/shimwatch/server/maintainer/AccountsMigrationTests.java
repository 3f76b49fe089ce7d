package org.shimwatch.server.maintainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.PostgresTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration 19 on a database that already has its one maintainer: that account becomes an owner (so
 * it keeps every right it had), and the account projects and API token tables take rows and refuse
 * a token hash twice. On H2 and on PostgreSQL.
 */
class AccountsMigrationTests {

  @Test
  void existingMaintainersBecomeOwnersOnH2() {
    migrate(
        new DriverManagerDataSource(
            "jdbc:h2:mem:accounts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
        null);
  }

  @Test
  void existingMaintainersBecomeOwnersOnPostgres() {
    PostgresTestDatabase pg = new PostgresTestDatabase("accounts");
    pg.requireReachable();
    try {
      migrate(
          new DriverManagerDataSource(
              pg.url(), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD),
          pg.schema());
    } finally {
      pg.dropSchema();
    }
  }

  private static void migrate(DataSource ds, String schema) {
    flyway(ds, schema).target("18").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    Timestamp at = Timestamp.from(Instant.parse("2026-12-01T12:00:00Z"));
    jdbc.update(
        "INSERT INTO maintainer (username, password_hash, created_at) VALUES ('admin', 'h', ?)",
        at);
    jdbc.update("INSERT INTO project (slug, name, created_at) VALUES ('a', 'A', ?)", at);

    flyway(ds, schema).load().migrate();

    assertThat(
            jdbc.queryForMap(
                "SELECT role, session_epoch, disabled_at, last_sign_in_at FROM maintainer WHERE"
                    + " username = 'admin'"))
        .containsEntry("ROLE", "OWNER")
        .containsEntry("SESSION_EPOCH", 0)
        .containsEntry("DISABLED_AT", null)
        .containsEntry("LAST_SIGN_IN_AT", null);
    long admin = jdbc.queryForObject("SELECT id FROM maintainer", Long.class);
    long project = jdbc.queryForObject("SELECT id FROM project", Long.class);
    jdbc.update(
        "INSERT INTO maintainer (username, password_hash, created_at, role) VALUES ('v', 'h', ?,"
            + " 'VIEWER')",
        at);
    long viewer = jdbc.queryForObject("SELECT id FROM maintainer WHERE username = 'v'", Long.class);
    jdbc.update(
        "INSERT INTO maintainer_project (maintainer_id, project_id) VALUES (?, ?)",
        viewer,
        project);
    jdbc.update(
        "INSERT INTO api_token (maintainer_id, token_hash, token_prefix, label, role, created_at)"
            + " VALUES (?, ?, 'swt_abcdefgh', 'scrape', 'VIEWER', ?)",
        admin,
        "a".repeat(64),
        at);
    long token = jdbc.queryForObject("SELECT id FROM api_token", Long.class);
    jdbc.update(
        "INSERT INTO api_token_project (token_id, project_id) VALUES (?, ?)", token, project);
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "INSERT INTO api_token (maintainer_id, token_hash, token_prefix, label, role,"
                        + " created_at) VALUES (?, ?, 'swt_x', 'again', 'VIEWER', ?)",
                    admin,
                    "a".repeat(64),
                    at))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
      DataSource ds, String schema) {
    var f = Flyway.configure().dataSource(ds);
    if (schema != null) {
      f.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    return f;
  }
}
