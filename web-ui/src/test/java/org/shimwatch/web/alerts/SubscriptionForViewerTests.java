package org.shimwatch.web.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionForViewerTests {

  private static String masked(String channel, String target) {
    return new AlertAdmin.Subscription(1, channel, target, Instant.EPOCH, List.of())
        .forViewer()
        .target();
  }

  @Test
  void aWebhookKeepsItsOriginAndLosesPathQueryAndFragment() {
    assertThat(masked("webhook", "https://hooks.example.org/services/T0/B1/s3cr3t"))
        .isEqualTo("https://hooks.example.org/…");
    assertThat(masked("webhook", "http://example.org:8080/hook?token=abc#x"))
        .isEqualTo("http://example.org:8080/…");
    assertThat(masked("webhook", "https://example.org?token=abc"))
        .isEqualTo("https://example.org/…");
    assertThat(masked("webhook", "https://example.org")).isEqualTo("https://example.org");
    assertThat(masked("webhook", "https://example.org/")).isEqualTo("https://example.org");
    assertThat(masked("webhook", "https://[2001:db8::1]:8443/x"))
        .isEqualTo("https://[2001:db8::1]:8443/…");
  }

  @Test
  void aUserNameOrPasswordNeverShowsShouldOneBeThere() {
    assertThat(masked("webhook", "https://user:pw@example.org/hook"))
        .isEqualTo("https://example.org/…");
  }

  @Test
  void anEmailAddressKeepsOnlyItsDomain() {
    assertThat(masked("email", "maintainer@example.org")).isEqualTo("…@example.org");
    assertThat(masked("email", "not-an-address")).isEqualTo("…");
  }

  @Test
  void whatIsNotAUrlShowsNothing() {
    assertThat(masked("webhook", "example.org/hook")).isEqualTo("…");
  }

  @Test
  void everythingButTheTargetStays() {
    AlertAdmin.Subscription s =
        new AlertAdmin.Subscription(7, "webhook", "https://a.example/x", Instant.EPOCH, List.of());
    AlertAdmin.Subscription v = s.forViewer();
    assertThat(v.id()).isEqualTo(7);
    assertThat(v.channel()).isEqualTo("webhook");
    assertThat(v.createdAt()).isEqualTo(Instant.EPOCH);
  }
}
