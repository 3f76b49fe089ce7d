package org.shimwatch.server;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database for a migration test: an H2 database in memory or a throwaway schema on the real
 * PostgreSQL server, migrated step by step with the server's own migrations (the default location,
 * {@code classpath:db/migration}, holds the SQL and the Java ones).
 */
public final class MigrationTestDatabase {

  /** What a migration test does with its database. */
  @FunctionalInterface
  public interface Scenario {
    void run(MigrationTestDatabase db) throws Exception;
  }

  private final DataSource dataSource;
  private final String schema;

  private MigrationTestDatabase(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** Runs {@code scenario} on a new H2 database in memory. */
  public static void onH2(String purpose, Scenario scenario) throws Exception {
    scenario.run(
        new MigrationTestDatabase(
            new DriverManagerDataSource(
                "jdbc:h2:mem:" + purpose + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa",
                ""),
            null));
  }

  /**
   * Runs {@code scenario} in a new schema on the PostgreSQL server, dropped afterwards; skips (or
   * fails under {@code CI=true}) when the server is not reachable.
   */
  public static void onPostgres(String purpose, Scenario scenario) throws Exception {
    PostgresTestDatabase pg = new PostgresTestDatabase(purpose);
    pg.requireReachable();
    try {
      scenario.run(
          new MigrationTestDatabase(
              new DriverManagerDataSource(
                  pg.url(), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD),
              pg.schema()));
    } finally {
      pg.dropSchema();
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcTemplate jdbc() {
    return new JdbcTemplate(dataSource);
  }

  /** Applies the migrations up to and including {@code version}. */
  public void migrateTo(String version) {
    flyway().target(version).load().migrate();
  }

  /** Applies every migration not applied yet. */
  public void migrateAll() {
    flyway().load().migrate();
  }

  /** The history row of the applied migration {@code version}. */
  public MigrationInfo applied(String version) {
    return Arrays.stream(flyway().load().info().applied())
        .filter(m -> m.getVersion() != null && m.getVersion().getVersion().equals(version))
        .findFirst()
        .orElseThrow(() -> new AssertionError("migration " + version + " was not applied"));
  }

  /** Inserts a project and answers its id. */
  public long project(String slug, Timestamp at) {
    JdbcTemplate jdbc = jdbc();
    jdbc.update("INSERT INTO project (slug, name, created_at) VALUES (?, ?, ?)", slug, slug, at);
    return jdbc.queryForObject("SELECT id FROM project WHERE slug = ?", Long.class, slug);
  }

  private FluentConfiguration flyway() {
    FluentConfiguration f = Flyway.configure().dataSource(dataSource);
    if (schema != null) {
      f.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    return f;
  }
}
