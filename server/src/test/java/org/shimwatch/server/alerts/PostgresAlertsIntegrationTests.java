package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.PostgresTestDatabase;
import org.shimwatch.web.alerts.AlertAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alert tables (migration 20) and the outbox, window and retries on a real PostgreSQL server,
 * in a schema of its own that is dropped after, posting to a real webhook receiver on loopback.
 */
@SpringBootTest
@ActiveProfiles("postgres")
// Closed after the class: its outbox poller must not outlive the schema dropped below.
@DirtiesContext
class PostgresAlertsIntegrationTests {

  static final PostgresTestDatabase DB = new PostgresTestDatabase("alerts");
  static WebhookReceiver receiver;

  @Autowired AlertAdmin alerts;
  @Autowired AlertOutbox outbox;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void needPostgres() throws Exception {
    DB.requireReachable();
    receiver = new WebhookReceiver();
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DB.register(registry);
    registry.add("shimwatch.alerts.allow-private-targets", () -> "true");
    registry.add("shimwatch.alerts.poll-interval", () -> "100ms");
    registry.add("shimwatch.alerts.first-retry", () -> "100ms");
  }

  @AfterAll
  static void dropSchema() {
    if (receiver != null) {
      receiver.close();
    }
    DB.dropSchema();
  }

  @Test
  void alertsAreToldOnceAWindowAndRetriedOnPostgres() throws Exception {
    AlertAdmin.NewSubscription made =
        alerts.subscribe("default", "webhook", receiver.url("/pg")).orElseThrow();
    receiver.secret("/pg", made.secret());
    receiver.failFirst("/pg", 1);
    long project = jdbc.queryForObject("SELECT id FROM project WHERE slug = 'default'", Long.class);

    outbox.raise(
        project, AlertOutbox.NEW_TRAP_GROUP, "trap-group:1", "first", "/maintainer/traps/1");
    outbox.raise(
        project, AlertOutbox.NEW_TRAP_GROUP, "trap-group:1", "again", "/maintainer/traps/1");
    await(() -> receiver.posts("/pg").size() == 2);
    Thread.sleep(500);
    List<WebhookReceiver.Post> posts = receiver.posts("/pg");
    assertThat(posts).extracting(WebhookReceiver.Post::answered).containsExactly(503, 204);
    assertThat(posts).allSatisfy(p -> assertThat(p.body()).contains("\"summary\":\"first\""));
    assertThat(
            jdbc.queryForList(
                "SELECT state FROM alert_event WHERE subject = 'trap-group:1' ORDER BY id",
                String.class))
        .containsExactly("sent", "suppressed");
    AlertAdmin.Delivery d = alerts.subscriptions("default").orElseThrow().get(0).recent().get(0);
    assertThat(d.state()).isEqualTo("delivered");
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(d.lastResult()).isEqualTo("HTTP 204");

    jdbc.update("UPDATE alert_subject SET last_alert_at = last_alert_at - INTERVAL '2' HOUR");
    outbox.raise(
        project, AlertOutbox.NEW_TRAP_GROUP, "trap-group:1", "later", "/maintainer/traps/1");
    await(() -> receiver.posts("/pg").size() == 3);

    assertThat(alerts.unsubscribe("default", made.subscription().id())).isPresent();
    assertThat(alerts.subscriptions("default").orElseThrow()).isEmpty();
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("waited ten seconds; posts: " + receiver.posts("/pg"));
      }
      Thread.sleep(25);
    }
  }
}
