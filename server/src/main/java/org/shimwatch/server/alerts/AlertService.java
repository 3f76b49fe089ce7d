package org.shimwatch.server.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.alerts.AlertAdmin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project's alert subscriptions, for the page and the API. */
@Service
@EnableConfigurationProperties(AlertProperties.class)
class AlertService implements AlertAdmin {

  /** Deliveries shown per subscription. */
  private static final int RECENT = 20;

  /** Subscriptions per project: enough for a team, not a way to fan one alert out widely. */
  static final int MAX_SUBSCRIPTIONS = 20;

  private final JdbcTemplate jdbc;
  private final AlertChannels channels;
  private final AlertOutbox outbox;
  private final Clock clock;

  AlertService(JdbcTemplate jdbc, AlertChannels channels, AlertOutbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.channels = channels;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<List<Subscription>> subscriptions(String project) {
    return projectId(project).map(this::subscriptionsOf);
  }

  @Override
  @Transactional
  public Optional<NewSubscription> subscribe(String project, String channel, String target) {
    Optional<Long> id = projectId(project);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    String c = channel == null ? "" : channel.strip();
    String t;
    String secret = null;
    if (c.equals(WEBHOOK)) {
      t = channels.targets().webhook(target).toString();
      secret = AlertSigning.newSecret();
    } else if (c.equals(EMAIL)) {
      t = AlertTargets.email(target);
      if (!channels.mailConfigured()) {
        throw new ChangeRefused(
            "email-not-configured",
            "This server has no SMTP settings (spring.mail.host), so it cannot send e-mail alerts;"
                + " ask its operator, or use a webhook.");
      }
    } else {
      throw new ChangeRefused("invalid-channel", "Choose webhook or email.");
    }
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM alert_subscription WHERE project_id = ?",
            Integer.class,
            id.get());
    if (count != null && count >= MAX_SUBSCRIPTIONS) {
      throw new ChangeRefused(
          "too-many-subscriptions",
          "A project has at most " + MAX_SUBSCRIPTIONS + " subscriptions; remove one first.");
    }
    Integer same =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM alert_subscription WHERE project_id = ? AND channel = ? AND"
                + " target = ?",
            Integer.class,
            id.get(),
            c,
            t);
    if (same != null && same > 0) {
      throw new ChangeRefused("already-subscribed", t + " is subscribed already.");
    }
    Instant now = clock.instant();
    org.springframework.jdbc.support.GeneratedKeyHolder keys =
        new org.springframework.jdbc.support.GeneratedKeyHolder();
    String s = secret;
    long projectId = id.get();
    jdbc.update(
        con -> {
          var ps =
              con.prepareStatement(
                  "INSERT INTO alert_subscription (project_id, channel, target, secret, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setLong(1, projectId);
          ps.setString(2, c);
          ps.setString(3, t);
          ps.setString(4, s);
          ps.setTimestamp(5, Timestamp.from(now));
          return ps;
        },
        keys);
    Subscription made = new Subscription(keys.getKey().longValue(), c, t, now, List.of());
    return Optional.of(new NewSubscription(made, secret));
  }

  @Override
  @Transactional
  public Optional<Subscription> unsubscribe(String project, long id) {
    Optional<Subscription> s = find(project, id);
    s.ifPresent(
        x -> {
          jdbc.update(
              "DELETE FROM alert_delivery WHERE subscription_id = ? AND state <> 'delivered'", id);
          jdbc.update("DELETE FROM alert_subscription WHERE id = ?", id);
        });
    return s;
  }

  @Override
  @Transactional
  public Optional<Subscription> sendTest(String project, long id) {
    Optional<Subscription> s = find(project, id);
    s.ifPresent(
        x -> {
          long projectId = projectId(project).orElseThrow();
          long event =
              outbox.insert(
                  projectId,
                  AlertOutbox.TEST,
                  "test:" + id,
                  "A test alert for project " + project + ": this subscription works.",
                  "/maintainer/projects/" + project + "/alerts",
                  "test");
          jdbc.update(
              "INSERT INTO alert_delivery (event_id, subscription_id, state, attempts, next_try_at)"
                  + " VALUES (?, ?, 'pending', 0, ?)",
              event,
              id,
              Timestamp.from(clock.instant()));
        });
    return s;
  }

  private Optional<Subscription> find(String project, long id) {
    return subscriptions(project)
        .flatMap(all -> all.stream().filter(s -> s.id() == id).findFirst());
  }

  private Optional<Long> projectId(String slug) {
    if (slug == null) {
      return Optional.empty();
    }
    return jdbc.queryForList("SELECT id FROM project WHERE slug = ?", Long.class, slug).stream()
        .findFirst();
  }

  private List<Subscription> subscriptionsOf(long projectId) {
    return jdbc
        .queryForList(
            "SELECT id, channel, target, created_at FROM alert_subscription WHERE project_id = ?"
                + " ORDER BY id",
            projectId)
        .stream()
        .map(
            r -> {
              long id = ((Number) r.get("id")).longValue();
              return new Subscription(
                  id,
                  (String) r.get("channel"),
                  (String) r.get("target"),
                  instant(r, "created_at"),
                  deliveries(id));
            })
        .toList();
  }

  private List<Delivery> deliveries(long subscriptionId) {
    return jdbc
        .queryForList(
            "SELECT d.id, e.kind, e.summary, d.state, d.attempts, d.last_try_at, d.last_result,"
                + " d.next_try_at FROM alert_delivery d JOIN alert_event e ON e.id = d.event_id"
                + " WHERE d.subscription_id = ? ORDER BY d.id DESC FETCH FIRST "
                + RECENT
                + " ROWS ONLY",
            subscriptionId)
        .stream()
        .map(
            r ->
                new Delivery(
                    ((Number) r.get("id")).longValue(),
                    (String) r.get("kind"),
                    (String) r.get("summary"),
                    (String) r.get("state"),
                    ((Number) r.get("attempts")).intValue(),
                    instant(r, "last_try_at"),
                    (String) r.get("last_result"),
                    instant(r, "next_try_at")))
        .toList();
  }

  /** A time column as JDBC drivers hand it over: Timestamp or OffsetDateTime. */
  static Instant instant(Map<String, Object> r, String column) {
    Object v = r.get(column);
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    throw new IllegalStateException("unexpected time type " + v.getClass());
  }
}
