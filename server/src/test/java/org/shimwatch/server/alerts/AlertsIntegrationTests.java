package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportJson;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alerts end to end inside one real server: subscriptions over the API, an ingested crash that
 * makes a new trap group, a regression, a new regression flag and a spike of refused reports, each
 * sent to a real webhook receiver (which checks the signature) and a real SMTP server.
 */
class AlertsIntegrationTests extends AlertTestSupport {

  @Autowired AlertOutbox outbox;
  @Autowired RegressionWatch regressions;
  @Autowired AlertDispatcher dispatcher;

  @Test
  void aReceiverThatNeverAnswersNeitherSlowsIngestNorHoldsASenderForEver() throws Exception {
    // Accepts connections (the kernel does, into the backlog) and never answers.
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/hook";
      long id = id(subscribe("webhook", url));
      try {
        String module = "H" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        long start = System.nanoTime();
        post(trapIn(module, "0.1.0"));
        long ingestMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(ingestMs).as("the report's answer").isLessThan(1500);
        await(
            "the timed-out try",
            () -> {
              JsonNode d = delivery(id);
              return d != null
                  && d.get("attempts").asInt() >= 1
                  && d.get("lastResult").asString().contains("HttpTimeoutException");
            });
        JsonNode d = delivery(id);
        assertThat(d.get("state").asString()).isIn("pending", "sending");
      } finally {
        assertThat(
                adminJson("DELETE", "/api/v1/admin/projects/default/alerts/" + id, null)
                    .statusCode())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void oldFinishedAlertsArePrunedAndUnfinishedOnesKept() {
    long project = jdbc.queryForObject("SELECT id FROM project WHERE slug = 'default'", Long.class);
    long done = outbox.insert(project, "test", "prune-done", "old", "/maintainer", "sent");
    long open = outbox.insert(project, "test", "prune-open", "old", "/maintainer", "sent");
    jdbc.update(
        "UPDATE alert_event SET created_at = created_at - INTERVAL '40' DAY WHERE id IN (?, ?)",
        done,
        open);
    jdbc.update(
        "INSERT INTO alert_delivery (event_id, subscription_id, state, attempts, next_try_at)"
            + " VALUES (?, -1, 'delivered', 1, CURRENT_TIMESTAMP)",
        done);
    jdbc.update(
        "INSERT INTO alert_delivery (event_id, subscription_id, state, attempts, next_try_at)"
            + " VALUES (?, -1, 'pending', 1, CURRENT_TIMESTAMP + INTERVAL '1' DAY)",
        open);

    dispatcher.prune();

    assertThat(
            jdbc.queryForList(
                "SELECT subject FROM alert_event WHERE id IN (?, ?)", String.class, done, open))
        .containsExactly("prune-open");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_delivery WHERE event_id = ?", Integer.class, done))
        .isZero();
  }

  @Test
  void badSubscriptionsAreRefusedByFieldAndStoreNothing() throws Exception {
    int before = subscriptions();
    String path = "/api/v1/admin/projects/default/alerts";
    assertReason(
        adminJson("POST", path, "{\"channel\":\"sms\",\"target\":\"+1\"}"), 400, "invalid-channel");
    assertReason(
        adminJson("POST", path, "{\"channel\":\"webhook\",\"target\":\"ftp://x.org/\"}"),
        400,
        "invalid-url");
    assertReason(adminJson("POST", path, "{\"channel\":\"webhook\"}"), 400, "invalid-url");
    assertReason(
        adminJson("POST", path, "{\"channel\":\"email\",\"target\":\"not an address\"}"),
        400,
        "invalid-email");
    assertThat(adminJson("POST", path, "{not json").statusCode()).isEqualTo(400);
    assertReason(
        adminJson(
            "POST",
            "/api/v1/admin/projects/nope/alerts",
            "{\"channel\":\"email\",\"target\":\"a@example.org\"}"),
        404,
        "project-not-found");
    assertReason(adminJson("DELETE", path + "/999999", null), 404, "subscription-not-found");
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"email\",\"target\":\"a@example.org\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(subscriptions()).isEqualTo(before);

    JsonNode made = subscribe("webhook", receiver.url("/dup"));
    assertReason(
        adminJson(
            "POST", path, "{\"channel\":\"webhook\",\"target\":\"" + receiver.url("/dup") + "\"}"),
        400,
        "already-subscribed");
    assertThat(subscriptions()).isEqualTo(before + 1);
    HttpResponse<String> listed = getAsAdmin(path);
    assertThat(listed.body())
        .contains(receiver.url("/dup"))
        .doesNotContain(made.get("secret").asString());
    assertThat(adminJson("DELETE", path + "/" + id(made), null).statusCode()).isEqualTo(200);
    assertThat(subscriptions()).isEqualTo(before);
  }

  @Test
  void aNewTrapGroupIsToldOnceToEachChannelSignedAndLinkedAndAgainWhenItRegresses()
      throws Exception {
    String hook = "/trap-" + UUID.randomUUID();
    String mail = "team-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    receiver.secret(hook, subscribe("webhook", receiver.url(hook)).get("secret").asString());
    subscribe("email", mail);

    String module = "A" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    post(trapIn(module, "0.1.0"));
    long group = groupId(module);
    String subject = "trap-group:" + group;

    await("the webhook", () -> !postsAbout(hook, subject).isEmpty());
    await("the e-mail", () -> mailsAbout(mail, module).size() == 1);
    WebhookReceiver.Post p = postsAbout(hook, subject).get(0);
    assertThat(p.verified()).isTrue();
    JsonNode body = ReportJson.mapper().readTree(p.body());
    assertThat(body.get("kind").asString()).isEqualTo("new-trap-group");
    assertThat(body.get("project").asString()).isEqualTo("default");
    assertThat(body.get("summary").asString()).contains(module);
    assertThat(body.get("time").asString()).isNotBlank();
    String link = body.get("link").asString();
    assertThat(link).endsWith("/maintainer/traps/" + group + "?project=default");
    HttpResponse<String> page = new Browser().signIn().get(link.replace("localhost", "127.0.0.1"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(module);
    String text = mailsAbout(mail, module).get(0).text();
    assertThat(text).contains("From: alerts@shimwatch.test").contains(link);

    // More crashes in the same group: no new group, nothing more to tell.
    post(trapIn(module, "0.1.0"));
    post(trapIn(module, "0.1.0"));
    Thread.sleep(1000);
    assertThat(postsAbout(hook, subject)).hasSize(1);
    assertThat(mailsAbout(mail, module)).hasSize(1);

    HttpResponse<String> fixed =
        adminJson(
            "PUT",
            "/api/v1/admin/projects/default/trap-groups/" + group + "/status",
            "{\"status\":\"fixed\",\"fixedIn\":\"0.2.0\"}");
    assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
    post(trapIn(module, "0.3.0"));
    await("the regression", () -> !postsAbout(hook, "trap-group-regressed:" + group).isEmpty());
    assertThat(postsAbout(hook, "trap-group-regressed:" + group).get(0).body())
        .contains("fixed in 0.2.0");
    await("the regression's e-mail", () -> mailsAbout(mail, module).size() == 2);
  }

  @Test
  void aFailingReceiverIsRetriedWithGrowingWaitsUntilItAnswersOrTheTriesAreUsed() throws Exception {
    String flaky = "/flaky-" + UUID.randomUUID();
    receiver.secret(flaky, subscribe("webhook", receiver.url(flaky)).get("secret").asString());
    receiver.failFirst(flaky, 2);
    long flakyId = subscriptionId(receiver.url(flaky));
    String gone = "/unsigned-" + UUID.randomUUID(); // no secret known: always 401
    subscribe("webhook", receiver.url(gone));
    long goneId = subscriptionId(receiver.url(gone));

    assertThat(
            adminJson("POST", "/api/v1/admin/projects/default/alerts/" + flakyId + "/test", null)
                .statusCode())
        .isEqualTo(202);
    assertThat(
            adminJson("POST", "/api/v1/admin/projects/default/alerts/" + goneId + "/test", null)
                .statusCode())
        .isEqualTo(202);

    await("the third try", () -> receiver.posts(flaky).size() == 3);
    List<WebhookReceiver.Post> tries = receiver.posts(flaky);
    assertThat(tries).extracting(WebhookReceiver.Post::answered).containsExactly(503, 503, 204);
    long firstWait =
        java.time.Duration.between(tries.get(0).receivedAt(), tries.get(1).receivedAt()).toMillis();
    long secondWait =
        java.time.Duration.between(tries.get(1).receivedAt(), tries.get(2).receivedAt()).toMillis();
    assertThat(firstWait).isGreaterThanOrEqualTo(190);
    assertThat(secondWait).isGreaterThanOrEqualTo(390);
    await("the delivery log", () -> delivery(flakyId).get("state").asString().equals("delivered"));
    JsonNode d = delivery(flakyId);
    assertThat(d.get("attempts").asInt()).isEqualTo(3);
    assertThat(d.get("lastResult").asString()).isEqualTo("HTTP 204");
    assertThat(d.get("kind").asString()).isEqualTo("test");

    // 0.2 + 0.4 + 0.8 + 1 (the longest wait) seconds between five tries, then failed for good.
    await("five tries", () -> delivery(goneId).get("state").asString().equals("failed"));
    assertThat(delivery(goneId).get("attempts").asInt()).isEqualTo(5);
    assertThat(delivery(goneId).get("lastResult").asString()).isEqualTo("HTTP 401");
    assertThat(receiver.posts(gone)).hasSize(5);
    assertThat(
            adminJson("DELETE", "/api/v1/admin/projects/default/alerts/" + goneId, null)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aSubjectIsToldOnceAWindowAndTheWindowIsKeptInTheDatabase() throws Exception {
    String hook = "/dedup-" + UUID.randomUUID();
    receiver.secret(hook, subscribe("webhook", receiver.url(hook)).get("secret").asString());
    String subject = "dedup-test:" + UUID.randomUUID();
    long project = jdbc.queryForObject("SELECT id FROM project WHERE slug = 'default'", Long.class);
    outbox.raise(project, "test", subject, "first", "/maintainer");
    await("the first", () -> postsAbout(hook, subject).size() == 1);
    outbox.raise(project, "test", subject, "second", "/maintainer");
    await(
        "the second to be judged",
        () ->
            jdbc.queryForObject(
                    "SELECT COUNT(*) FROM alert_event WHERE subject = ? AND state = 'suppressed'",
                    Integer.class,
                    subject)
                == 1);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_subject WHERE subject = ?", Integer.class, subject))
        .isEqualTo(1);
    // As if the window had passed: the next one goes out.
    jdbc.update(
        "UPDATE alert_subject SET last_alert_at = last_alert_at - INTERVAL '2' HOUR WHERE subject = ?",
        subject);
    outbox.raise(project, "test", subject, "third", "/maintainer");
    await("the third", () -> postsAbout(hook, subject).size() == 2);
    Thread.sleep(500);
    assertThat(postsAbout(hook, subject))
        .extracting(p -> p.body().contains("\"third\""))
        .containsExactly(false, true);
  }

  @Test
  void aNewRegressionFlagIsToldOnce() throws Exception {
    String hook = "/flags-" + UUID.randomUUID();
    receiver.secret(hook, subscribe("webhook", receiver.url(hook)).get("secret").asString());
    for (int i = 0; i < 10; i++) {
      ObjectNode fine = trapIn("R", "9.0.0");
      fine.put("outcome", "works");
      fine.remove("traps");
      post(fine);
      post(trapIn("R" + i, "9.1.0"));
    }
    assertThat(regressions.check()).isGreaterThanOrEqualTo(1);
    assertThat(regressions.check()).as("told already").isZero();
    await(
        "the flag",
        () ->
            receiver.posts(hook).stream()
                .anyMatch(
                    p -> p.body().contains("\"regression-flag\"") && p.body().contains("9.1.0")));
  }

  @Test
  void aSpikeOfRefusedReportsIsTold() throws Exception {
    String hook = "/spike-" + UUID.randomUUID();
    receiver.secret(hook, subscribe("webhook", receiver.url(hook)).get("secret").asString());
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> r =
          send(
              reportRequest("default", "swk_not_a_key_of_this_server", SECRET)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          freshReport("os2-bittorrent-trap-tcpip32").toString())));
      assertThat(r.statusCode()).isEqualTo(401);
    }
    await(
        "the spike alert",
        () ->
            receiver.posts(hook).stream()
                .anyMatch(p -> p.body().contains("\"refused-reports-spike\"") && p.verified()));
  }

  // --- helpers

  private JsonNode subscribe(String channel, String target) throws Exception {
    HttpResponse<String> r =
        adminJson(
            "POST",
            "/api/v1/admin/projects/default/alerts",
            "{\"channel\":\"" + channel + "\",\"target\":\"" + target + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode n = ReportJson.mapper().readTree(r.body());
    if (channel.equals("webhook")) {
      assertThat(n.get("secret").asString()).startsWith("whs_");
    } else {
      assertThat(n.get("secret").isNull()).isTrue();
    }
    return n;
  }

  private static long id(JsonNode made) {
    return made.get("subscription").get("id").asLong();
  }

  private long subscriptionId(String target) {
    return jdbc.queryForObject(
        "SELECT id FROM alert_subscription WHERE target = ?", Long.class, target);
  }

  private JsonNode delivery(long subscription) {
    try {
      JsonNode all =
          ReportJson.mapper().readTree(getAsAdmin("/api/v1/admin/projects/default/alerts").body());
      for (JsonNode s : all) {
        if (s.get("id").asLong() == subscription) {
          return s.get("recent").isEmpty() ? null : s.get("recent").get(0);
        }
      }
      throw new AssertionError("no subscription " + subscription);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private int subscriptions() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM alert_subscription", Integer.class);
  }

  private static List<WebhookReceiver.Post> postsAbout(String path, String subject) {
    return receiver.posts(path).stream()
        .filter(p -> p.body().contains("\"subject\":\"" + subject + "\""))
        .toList();
  }

  private static List<SmtpSink.Message> mailsAbout(String to, String module) {
    return smtp.messagesTo(to).stream().filter(m -> m.text().contains(module)).toList();
  }

  /** The OS/2 trap example with the fault in another module and another shim version. */
  static ObjectNode trapIn(String module, String shim) {
    ObjectNode r = freshReport("os2-bittorrent-trap-tcpip32");
    ((ObjectNode) r.at("/environment/shim")).put("version", shim);
    ObjectNode trap = (ObjectNode) r.at("/traps/0");
    trap.put("module", module + ".DLL");
    ((ObjectNode) ((ArrayNode) trap.get("frames")).get(0)).put("module", module + ".DLL");
    return r;
  }

  private long groupId(String module) throws Exception {
    JsonNode all =
        ReportJson.mapper()
            .readTree(getAsAdmin("/api/v1/admin/projects/default/trap-groups").body());
    for (JsonNode g : all) {
      if (g.get("module").asString().equals(module)) {
        return g.get("id").asLong();
      }
    }
    throw new AssertionError("no group for " + module);
  }

  private void post(ObjectNode report) throws Exception {
    HttpResponse<String> r = postReport(report.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static void assertReason(HttpResponse<String> r, int status, String reason) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(ReportJson.mapper().readTree(r.body()).get("reason").asString()).isEqualTo(reason);
  }
}
