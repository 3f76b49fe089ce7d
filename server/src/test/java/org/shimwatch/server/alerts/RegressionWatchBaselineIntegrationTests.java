package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.shimwatch.web.insight.InsightQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server upgraded onto a database that already has regression flags, with a subscription and no
 * record of flags told, does not alert those old flags; a flag that appears afterwards (here on a
 * project made afterwards) is told, also after a second restart. The restarts are new watches over
 * the same real database, built from the running server's own parts.
 */
class RegressionWatchBaselineIntegrationTests extends AlertTestSupport {

  @Autowired InsightQuery insight;
  @Autowired TransactionTemplate tx;
  @Autowired AlertOutbox outbox;
  @Autowired AlertProperties props;
  @Autowired Clock clock;

  private String freshKey;

  @Test
  void flagsAlreadyThereAtTheFirstWatchAreRecordedWithoutAlertsAndLaterOnesAreTold()
      throws Exception {
    String oldHook = "/old-" + UUID.randomUUID();
    receiver.secret(oldHook, subscribe("default", receiver.url(oldHook)));
    flagIn("default", KEY, "7.0.0", "7.1.0");
    assertThat(insight.regressions("default").orElseThrow()).isNotEmpty();
    // The database as a server from before this check left it: flags, and nothing recorded.
    jdbc.update("DELETE FROM alert_flag_seen");
    jdbc.update("DELETE FROM alert_flag_baseline");
    int eventsBefore = regressionEvents();
    String freshHook = "/fresh-" + UUID.randomUUID();

    RegressionWatch upgraded = restart();
    try {
      assertThat(seenFlags()).as("old flags recorded as told").isPositive();
      assertThat(jdbc.queryForObject("SELECT flags FROM alert_flag_baseline", Integer.class))
          .isEqualTo(seenFlags());
      assertThat(upgraded.check()).as("nothing new to tell").isZero();
      assertThat(regressionEvents()).isEqualTo(eventsBefore);

      // A project made afterwards, and a flag on it: told.
      freshKey = newProject("fresh-flags");
      receiver.secret(freshHook, subscribe("fresh-flags", receiver.url(freshHook)));
      flagIn("fresh-flags", freshKey, "8.0.0", "8.1.0");
      assertThat(upgraded.check()).isGreaterThanOrEqualTo(1);
      await(
          "the fresh project's flag",
          () ->
              receiver.posts(freshHook).stream()
                  .anyMatch(
                      p ->
                          p.verified()
                              && p.body().contains("\"regression-flag\"")
                              && p.body().contains("8.1.0")));
    } finally {
      upgraded.stop();
    }

    // Another restart takes no second baseline: a flag that appeared while it was down is told.
    flagIn("fresh-flags", freshKey, "8.2.0", "8.3.0");
    RegressionWatch again = restart();
    try {
      assertThat(again.check()).isGreaterThanOrEqualTo(1);
      await(
          "the flag that appeared while down",
          () ->
              receiver.posts(freshHook).stream()
                  .anyMatch(
                      p -> p.body().contains("\"regression-flag\"") && p.body().contains("8.3.0")));
    } finally {
      again.stop();
    }
    Thread.sleep(500);
    assertThat(receiver.posts(oldHook))
        .as("the old project's flags were never told")
        .noneMatch(p -> p.body().contains("\"regression-flag\""));
  }

  private RegressionWatch restart() {
    RegressionWatch w = new RegressionWatch(insight, jdbc, tx, outbox, props, clock);
    w.start();
    return w;
  }

  /** Ten reports that work on {@code from} and ten that trap on {@code to}: a regression flag. */
  private void flagIn(String project, String key, String from, String to) throws Exception {
    for (int i = 0; i < 10; i++) {
      ObjectNode fine = AlertsIntegrationTests.trapIn("B", from);
      fine.put("outcome", "works");
      fine.remove("traps");
      send(project, key, fine);
      send(project, key, AlertsIntegrationTests.trapIn("B" + i, to));
    }
  }

  private void send(String project, String key, ObjectNode report) throws Exception {
    HttpResponse<String> r =
        send(
            reportRequest(project, key, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(report.toString())));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  /** Makes a project; answers its ingest key. */
  private String newProject(String slug) throws Exception {
    HttpResponse<String> p =
        adminJson("POST", "/api/v1/admin/projects", "{\"slug\":\"" + slug + "\"}");
    assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
    HttpResponse<String> k =
        adminJson("POST", "/api/v1/admin/projects/" + slug + "/keys", "{\"label\":\"test\"}");
    assertThat(k.statusCode()).as(k.body()).isEqualTo(201);
    return ReportJson.mapper().readTree(k.body()).get("key").asString();
  }

  /** Subscribes a webhook to the project; answers its secret. */
  private String subscribe(String project, String url) throws Exception {
    HttpResponse<String> r =
        adminJson(
            "POST",
            "/api/v1/admin/projects/" + project + "/alerts",
            "{\"channel\":\"webhook\",\"target\":\"" + url + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode n = ReportJson.mapper().readTree(r.body());
    return n.get("secret").asString();
  }

  private int regressionEvents() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM alert_event WHERE kind = ?",
        Integer.class,
        AlertOutbox.REGRESSION_FLAG);
  }

  private int seenFlags() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag_seen", Integer.class);
  }
}
