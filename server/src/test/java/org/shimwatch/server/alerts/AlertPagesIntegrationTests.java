package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alerts page as a signed-in maintainer's browser uses it. */
class AlertPagesIntegrationTests extends AlertTestSupport {

  static final String PAGE = "/maintainer/projects/default/alerts";

  @Test
  void aWebhookIsSubscribedItsSecretShownOnceTestedAndRemoved() throws Exception {
    Browser b = new Browser().signIn();
    HttpResponse<String> page = b.get(PAGE);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Alerts for")
        .contains("Send a test alert")
        .doesNotContain("whs_");

    String hook = "/page-" + UUID.randomUUID();
    HttpResponse<String> made =
        b.post(PAGE, "channel=webhook&target=" + enc(receiver.url(hook)), true);
    assertThat(made.statusCode()).isEqualTo(303);
    assertThat(made.headers().firstValue("Location").orElseThrow()).endsWith(PAGE);
    HttpResponse<String> shown = b.get(PAGE);
    Matcher m =
        Pattern.compile("id=\"webhook-secret\">(whs_[A-Za-z0-9_-]+)<").matcher(shown.body());
    assertThat(m.find()).as(shown.body()).isTrue();
    String secret = m.group(1);
    receiver.secret(hook, secret);
    assertThat(b.get(PAGE).body())
        .as("shown once")
        .doesNotContain(secret)
        .contains(receiver.url(hook));

    long id =
        jdbc.queryForObject(
            "SELECT id FROM alert_subscription WHERE target = ?", Long.class, receiver.url(hook));
    assertThat(b.post(PAGE + "/" + id + "/test", "", true).statusCode()).isEqualTo(303);
    await("the test alert", () -> !receiver.posts(hook).isEmpty());
    assertThat(receiver.posts(hook).get(0).verified()).isTrue();
    await(
        "the delivery log",
        () -> {
          try {
            return b.get(PAGE).body().contains("HTTP 204");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(b.get(PAGE).body()).doesNotContain(secret);

    assertThat(b.post(PAGE + "/" + id + "/delete", "", true).statusCode()).isEqualTo(303);
    assertThat(b.get(PAGE).body())
        .contains("no longer gets alerts")
        .doesNotContain("id=\"subscription-" + id + "\"");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_subscription WHERE id = ?", Integer.class, id))
        .isZero();
  }

  @Test
  void badInputIsShownAtItsFieldAndStoresNothingAndAPostWithoutTokenIsRefused() throws Exception {
    Browser b = new Browser().signIn();
    b.get(PAGE);
    int before = count();
    HttpResponse<String> bad =
        b.post(PAGE, "channel=webhook&target=" + enc("gopher://x.org/"), true);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("id=\"error-target\"")
        .contains("Only http:// and https:// URLs")
        .contains("value=\"gopher://x.org/\"");
    HttpResponse<String> mail = b.post(PAGE, "channel=email&target=" + enc("<b>@x"), true);
    assertThat(mail.statusCode()).isEqualTo(400);
    assertThat(mail.body()).contains("is not an e-mail address").doesNotContain("<b>@x");
    HttpResponse<String> channel = b.post(PAGE, "channel=pigeon&target=a%40example.org", true);
    assertThat(channel.statusCode()).isEqualTo(400);
    assertThat(channel.body()).contains("id=\"error-channel\"");
    HttpResponse<String> forged =
        b.post(PAGE, "channel=email&target=" + enc("x@example.org"), false);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(count()).isEqualTo(before);
    assertThat(b.get("/maintainer/projects/nope/alerts").statusCode()).isEqualTo(404);
    assertThat(b.post(PAGE + "/987654/delete", "", true).statusCode()).isEqualTo(404);
    assertThat(new Browser().get(PAGE).statusCode()).as("signed out").isEqualTo(302);
  }

  private int count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM alert_subscription", Integer.class);
  }
}
