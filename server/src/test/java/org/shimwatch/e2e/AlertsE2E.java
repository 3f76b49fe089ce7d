package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.alerts.SmtpSink;
import org.shimwatch.server.alerts.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * Scenario: alerts through the real jar. A maintainer subscribes a webhook (a real HTTP receiver on
 * loopback that checks the signature) and an e-mail address (a real SMTP server, Debian's
 * python3-aiosmtpd); a crash through {@code shimwatch run} makes a new trap group and each gets one
 * alert whose link opens the group's page; a second crash in the group sends nothing more; a burst
 * of refused reports sends a spike alert. The latency from the report's acceptance (the alert's
 * time, stamped in the transaction that stored the report) to each receipt is printed.
 */
@Order(7)
class AlertsE2E {

  static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  static final Pattern MAIL_TIME = Pattern.compile(" at (\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z)");

  @Test
  void aNewTrapGroupReachesTheWebhookAndTheMailboxOnceWithALinkThatOpens() throws Exception {
    E2e.requireTools("gcc");
    String hook = "/hooks/shim";
    String mailbox = "maintainers@shim.test";
    try (WebhookReceiver receiver = new WebhookReceiver();
        SmtpSink smtp = SmtpSink.start()) {
      ServerProcess server =
          ServerProcess.h2(
                  "alerts",
                  "--shimwatch.alerts.allow-private-targets=true",
                  "--spring.mail.host=127.0.0.1",
                  "--spring.mail.port=" + smtp.port(),
                  "--shimwatch.alerts.mail-from=alerts@shim.test",
                  "--shimwatch.alerts.spike-window=3s",
                  "--shimwatch.alerts.spike-threshold=20")
              .start();
      try {
        JsonNode webhook = subscribe(server, "webhook", receiver.url(hook));
        receiver.secret(hook, webhook.path("secret").asText());
        subscribe(server, "email", mailbox);

        Path work = E2e.newDir("alerts-crash");
        CrashTrapE2E.buildCrasher(work);
        ProbeHome probe = new ProbeHome("alerts", server.base());
        probe.consent(3);

        CrashTrapE2E.crashOnce(probe, work, 1);
        WebhookReceiver.Post post =
            await("the webhook alert", () -> only(receiver.posts(hook), "new-trap-group"));
        SmtpSink.Message mail =
            await(
                "the e-mail alert",
                () -> smtp.messagesTo(mailbox).isEmpty() ? null : smtp.messagesTo(mailbox).get(0));
        assertThat(post.verified()).as("the receiver checked the signature").isTrue();
        JsonNode alert = ReportJson.mapper().readTree(post.body());
        Instant accepted = Instant.parse(alert.path("time").asText());
        long webhookMs = Duration.between(accepted, post.receivedAt()).toMillis();
        Matcher t = MAIL_TIME.matcher(mail.text());
        assertThat(t.find()).as(mail.text()).isTrue();
        long mailMs = Duration.between(Instant.parse(t.group(1)), mail.receivedAt()).toMillis();

        String link = alert.path("link").asText();
        String prefix = "http://localhost:" + server.port() + "/maintainer/traps/";
        assertThat(link).startsWith(prefix).endsWith("?project=default");
        assertThat(mail.text())
            .contains(link)
            .contains("Subject: [Shimwatch default] New trap group");
        HttpResponse<String> page =
            signedInGet(server, link.substring(link.indexOf("/maintainer")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(alert.path("summary").asText().split(" ")[3]);

        CrashTrapE2E.crashOnce(probe, work, 2);
        ServerProcess.sleep(3000);
        assertThat(receiver.posts(hook)).as("the second crash is in the same group").hasSize(1);
        assertThat(smtp.messagesTo(mailbox)).hasSize(1);

        // A burst of reports with a key this server does not know.
        String body = ReportExamples.text("linux-aria2c-works");
        HttpClient http = server.http();
        long burstStart = System.nanoTime();
        for (int i = 0; i < 60; i++) {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(server.base() + IngestProtocol.reportsPath("default")))
                      .header("Content-Type", "application/json")
                      .header(IngestProtocol.KEY_HEADER, "swk_" + UUID.randomUUID())
                      .header(IngestProtocol.INSTALLATION_SECRET_HEADER, "x".repeat(32))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isEqualTo(401);
        }
        WebhookReceiver.Post spike =
            await("the spike alert", () -> only(receiver.posts(hook), "refused-reports-spike"));
        long spikeMs = (System.nanoTime() - burstStart) / 1_000_000;
        assertThat(spike.verified()).isTrue();
        assertThat(spike.body()).contains("reports refused");
        await("the spike e-mail", () -> smtp.messagesTo(mailbox).size() == 2 ? Boolean.TRUE : null);

        E2e.figures(
            "alerts",
            E2e.map(
                "webhookLatencyMs", webhookMs,
                "emailLatencyMs", mailMs,
                "spikeAlertAfterBurstStartMs", spikeMs,
                "webhookPosts", receiver.posts(hook).size(),
                "emails", smtp.messagesTo(mailbox).size()));
      } finally {
        server.stop();
      }
    }
  }

  private static WebhookReceiver.Post only(List<WebhookReceiver.Post> posts, String kind) {
    List<WebhookReceiver.Post> of =
        posts.stream().filter(p -> p.body().contains("\"kind\":\"" + kind + "\"")).toList();
    assertThat(of.size()).as("%s alerts", kind).isLessThanOrEqualTo(1);
    return of.isEmpty() ? null : of.get(0);
  }

  private static <T> T await(String what, Supplier<T> found) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      T t = found.get();
      if (t != null) {
        return t;
      }
      ServerProcess.sleep(20);
    }
    throw new AssertionError("waited 30 s for " + what);
  }

  private static JsonNode subscribe(ServerProcess server, String channel, String target)
      throws Exception {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(
                    URI.create(server.base() + "/api/v1/admin/projects/default/alerts"))
                .header("Authorization", ServerProcess.adminAuth())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"" + channel + "\",\"target\":\"" + target + "\"}"))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return ReportJson.mapper().readTree(r.body());
  }

  private static HttpResponse<String> signedInGet(ServerProcess server, String path)
      throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> in = E2e.signIn(browser, server.base());
    assertThat(in.statusCode()).isEqualTo(302);
    return browser.send(
        HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
