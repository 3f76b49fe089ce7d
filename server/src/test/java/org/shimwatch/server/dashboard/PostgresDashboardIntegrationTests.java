package org.shimwatch.server.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.shimwatch.server.PostgresTestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard contract on a real PostgreSQL server, in a schema of its own that is dropped after:
 * the list's filters, search and day counts are plain SQL both databases must read alike. Skips
 * when no server is reachable; fails instead under {@code CI=true}.
 */
@ActiveProfiles("postgres")
class PostgresDashboardIntegrationTests extends DashboardContract {

  static final PostgresTestDatabase DB = new PostgresTestDatabase("dashboard");

  @BeforeAll
  static void needPostgres() {
    DB.requireReachable();
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @AfterAll
  static void dropSchema() {
    DB.dropSchema();
  }
}
