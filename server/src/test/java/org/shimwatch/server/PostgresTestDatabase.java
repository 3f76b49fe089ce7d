package org.shimwatch.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.shimwatch.testing.MissingPart;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throwaway schema on a real PostgreSQL server for one test class. The server is reached through
 * {@code SHIMWATCH_TEST_PG_URL}, {@code SHIMWATCH_TEST_PG_USER} and {@code
 * SHIMWATCH_TEST_PG_PASSWORD} (defaults: the database {@code .ci/test-deps.sh} creates on
 * 127.0.0.1:5432).
 */
public final class PostgresTestDatabase {

  public static final String URL =
      env("SHIMWATCH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/shimwatch_test");
  public static final String USER = env("SHIMWATCH_TEST_PG_USER", "shimwatch");
  public static final String PASSWORD = env("SHIMWATCH_TEST_PG_PASSWORD", "shimwatch");

  private final String schema;

  public PostgresTestDatabase(String purpose) {
    this.schema =
        ("sw_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
  }

  public String schema() {
    return schema;
  }

  /** JDBC URL that puts every table in this class's own schema. */
  public String url() {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Skips the test class when no server answers, or fails it under {@code CI=true}. */
  public void requireReachable() {
    String problem = null;
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
      c.isValid(2);
    } catch (SQLException e) {
      problem = e.getMessage();
    }
    if (problem == null) {
      return;
    }
    String message =
        "PostgreSQL not reachable at "
            + URL
            + " as "
            + USER
            + " ("
            + problem
            + "); run .ci/test-deps.sh to install and start it";
    MissingPart.skipOrFail("it needs PostgreSQL: " + message);
  }

  /** Points the application at this schema and lets Flyway create it. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::url);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
    registry.add("spring.flyway.schemas", () -> schema);
    registry.add("spring.flyway.default-schema", () -> schema);
    registry.add("spring.flyway.create-schemas", () -> "true");
  }

  public void dropSchema() {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      // Nothing to drop when the server was never reachable.
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
