package org.shimwatch.server.admin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.shimwatch.server.PostgresTestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The moderation queue on a real PostgreSQL server: the same migration, paging and decisions as on
 * H2. Skips with a message when no server is reachable; fails instead under {@code CI=true}.
 */
@ActiveProfiles("postgres")
class CommentModerationPostgresIntegrationTests extends CommentModerationIntegrationTests {

  static final PostgresTestDatabase DB = new PostgresTestDatabase("comments");

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
