package org.shimwatch.web.alerts;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.ChangeRefused;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = AlertPagesController.class)
class AlertPagesControllerTests {

  static final Instant T = Instant.parse("2026-02-01T09:00:00Z");
  static final String SCRIPT = "<script>alert(1)</script>";

  @Autowired MockMvc mvc;
  @MockitoBean AlertAdmin alerts;

  final AlertAdmin.Subscription hook =
      new AlertAdmin.Subscription(
          7,
          "webhook",
          "https://hooks.example.org/shim",
          T,
          List.of(
              new AlertAdmin.Delivery(
                  3,
                  "new-trap-group",
                  "New trap group: " + SCRIPT,
                  "pending",
                  2,
                  T,
                  "HTTP 503",
                  T.plusSeconds(4))));

  @Test
  void thePageListsSubscriptionsWithTheirDeliveriesEscaped() throws Exception {
    given(alerts.subscriptions("default")).willReturn(Optional.of(List.of(hook)));
    mvc.perform(get("/maintainer/projects/default/alerts"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("https://hooks.example.org/shim")))
        .andExpect(content().string(containsString("HTTP 503")))
        .andExpect(content().string(containsString("2026-02-01 09:00:04")))
        .andExpect(content().string(containsString("/maintainer/projects/default/alerts/7/test")))
        .andExpect(content().string(containsString("&lt;script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))));
    given(alerts.subscriptions("nope")).willReturn(Optional.empty());
    mvc.perform(get("/maintainer/projects/nope/alerts")).andExpect(status().isNotFound());
  }

  @Test
  void aNewWebhookGoesToThePageWithItsSecretInTheFlashOnly() throws Exception {
    given(alerts.subscribe("default", "webhook", "https://hooks.example.org/shim"))
        .willReturn(Optional.of(new AlertAdmin.NewSubscription(hook, "whs_secret")));
    mvc.perform(
            post("/maintainer/projects/default/alerts")
                .param("channel", "webhook")
                .param("target", "https://hooks.example.org/shim"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/maintainer/projects/default/alerts"))
        .andExpect(flash().attributeExists("made"));
  }

  @Test
  void aRefusalIsShownAtItsFieldWithWhatWasTyped() throws Exception {
    given(alerts.subscriptions("default")).willReturn(Optional.of(List.of()));
    given(alerts.subscribe("default", "email", "nobody"))
        .willThrow(new ChangeRefused("invalid-email", "'nobody' is not an e-mail address."));
    mvc.perform(
            post("/maintainer/projects/default/alerts")
                .param("channel", "email")
                .param("target", "nobody"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("id=\"error-target\"")))
        .andExpect(content().string(containsString("is not an e-mail address")))
        .andExpect(content().string(containsString("value=\"nobody\"")));
  }
}
