package org.shimwatch.server.advice;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.shimwatch.server.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Advice storage on a real PostgreSQL server, in a schema of its own that is dropped after. Skips
 * with a message when no server is reachable; fails instead under {@code CI=true}.
 */
@SpringBootTest
@ActiveProfiles("postgres")
class PostgresAdviceIntegrationTests extends AdviceStorageContract {

  static final PostgresTestDatabase DB = new PostgresTestDatabase("advice");

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
