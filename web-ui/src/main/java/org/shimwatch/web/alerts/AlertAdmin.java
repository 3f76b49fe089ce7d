package org.shimwatch.web.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.shimwatch.web.ChangeRefused;

/** A project's alert subscriptions, as a maintainer manages them; the server implements it. */
public interface AlertAdmin {

  /** Webhook: a signed JSON post. */
  String WEBHOOK = "webhook";

  /** E-mail through the configured SMTP server. */
  String EMAIL = "email";

  /**
   * A subscription as pages and the API show it: never its webhook secret.
   *
   * @param channel {@link #WEBHOOK} or {@link #EMAIL}
   * @param target the webhook URL or the e-mail address
   * @param recent its latest deliveries, newest first
   */
  record Subscription(
      long id, String channel, String target, Instant createdAt, List<Delivery> recent) {

    public Subscription {
      recent = List.copyOf(recent);
    }

    /**
     * The same subscription as a viewer sees it: a webhook URL cut to its scheme, host and port (a
     * path or query may hold the receiver's own secret), an e-mail address to its domain.
     */
    public Subscription forViewer() {
      return new Subscription(id, channel, maskedTarget(channel, target), createdAt, recent);
    }

    static String maskedTarget(String channel, String target) {
      if (target == null) {
        return null;
      }
      if (EMAIL.equals(channel)) {
        int at = target.lastIndexOf('@');
        return at < 0 ? "…" : "…" + target.substring(at);
      }
      int scheme = target.indexOf("://");
      if (scheme < 0) {
        return "…";
      }
      int end = scheme + 3;
      while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
        end++;
      }
      String authority = target.substring(scheme + 3, end);
      // No user name or password is ever accepted in a target; should one be there, it goes too.
      String origin =
          target.substring(0, scheme + 3) + authority.substring(authority.lastIndexOf('@') + 1);
      return end < target.length() && !target.substring(end).equals("/") ? origin + "/…" : origin;
    }
  }

  /**
   * One alert sent (or being sent) to one subscription.
   *
   * @param state {@code pending} (waiting for its next try), {@code sending}, {@code delivered} or
   *     {@code failed} (every try used)
   * @param lastResult the receiver's answer to the last try: HTTP status, SMTP reply or error
   * @param nextTryAt when it is tried again, for a pending one
   */
  record Delivery(
      long id,
      String kind,
      String summary,
      String state,
      int attempts,
      Instant lastTryAt,
      String lastResult,
      Instant nextTryAt) {}

  /**
   * A subscription just made.
   *
   * @param secret the webhook's signing secret, shown this once; {@code null} for e-mail
   */
  record NewSubscription(Subscription subscription, String secret) {}

  /**
   * The project's subscriptions, oldest first.
   *
   * @return empty when there is no such project
   */
  Optional<List<Subscription>> subscriptions(String project);

  /**
   * Subscribes a project.
   *
   * @return empty when there is no such project
   * @throws ChangeRefused for an unknown channel, a malformed or refused URL or address; its reason
   *     names the field ({@code invalid-channel}, {@code invalid-url}, {@code invalid-email})
   */
  Optional<NewSubscription> subscribe(String project, String channel, String target);

  /**
   * Removes a subscription; its pending deliveries are dropped.
   *
   * @return the subscription removed, or empty when there is no such project or subscription
   */
  Optional<Subscription> unsubscribe(String project, long id);

  /**
   * Queues a test alert for one subscription, outside the once-per-window rule.
   *
   * @return the subscription, or empty when there is no such project or subscription
   */
  Optional<Subscription> sendTest(String project, long id);
}
