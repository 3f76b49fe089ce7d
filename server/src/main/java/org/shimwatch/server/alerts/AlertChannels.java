package org.shimwatch.server.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shimwatch.web.ChangeRefused;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Sends one alert to one subscription: a signed webhook post or an e-mail. */
@Component
class AlertChannels {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One alert as it goes out. */
  record Alert(
      String kind, String project, String subject, String summary, String link, String time) {}

  /** A try that did not deliver; {@code permanent} when trying again cannot help. */
  static final class NotDelivered extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean permanent;

    NotDelivered(String result, boolean permanent) {
      super(result, null, false, false);
      this.permanent = permanent;
    }
  }

  private final AlertProperties props;
  private final AlertTargets targets;
  private final ObjectProvider<JavaMailSender> mail;
  private final Clock clock;
  private final HttpClient http;

  AlertChannels(AlertProperties props, ObjectProvider<JavaMailSender> mail, Clock clock) {
    this.props = props;
    this.targets = new AlertTargets(props.allowPrivateTargets());
    this.mail = mail;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(props.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    JavaMailSender sender = mail.getIfAvailable();
    if (sender instanceof JavaMailSenderImpl impl) {
      // Without these Jakarta Mail waits for ever on a server that accepts and says nothing.
      impl.getJavaMailProperties()
          .putIfAbsent(
              "mail.smtp.connectiontimeout", String.valueOf(props.connectTimeout().toMillis()));
      impl.getJavaMailProperties()
          .putIfAbsent("mail.smtp.timeout", String.valueOf(props.sendTimeout().toMillis()));
      impl.getJavaMailProperties()
          .putIfAbsent("mail.smtp.writetimeout", String.valueOf(props.sendTimeout().toMillis()));
    }
  }

  AlertTargets targets() {
    return targets;
  }

  boolean mailConfigured() {
    return mail.getIfAvailable() != null;
  }

  /** The JSON body of a webhook post. */
  static byte[] body(Alert alert) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("kind", alert.kind());
    m.put("project", alert.project());
    m.put("subject", alert.subject());
    m.put("summary", alert.summary());
    m.put("link", alert.link());
    m.put("time", alert.time());
    return JSON.writeValueAsBytes(m);
  }

  /**
   * Sends, and answers what the receiver said.
   *
   * @throws NotDelivered with what went wrong
   */
  String send(String channel, String target, String secret, Alert alert) throws NotDelivered {
    return switch (channel) {
      case "webhook" -> post(target, secret, alert);
      case "email" -> mail(target, alert);
      default -> throw new NotDelivered("unknown channel " + channel, true);
    };
  }

  private String post(String url, String secret, Alert alert) throws NotDelivered {
    URI uri = URI.create(url);
    try {
      targets.checkAddress(uri);
    } catch (ChangeRefused e) {
      throw new NotDelivered("refused: " + e.getMessage(), true);
    }
    byte[] body = body(alert);
    long now = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(props.sendTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Shimwatch-Alerts/1")
            .header(AlertSigning.TIMESTAMP_HEADER, Long.toString(now))
            .header(AlertSigning.SIGNATURE_HEADER, AlertSigning.sign(secret, now, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new NotDelivered(
          "no answer: "
              + e.getClass().getSimpleName()
              + " "
              + (e.getMessage() == null ? "" : e.getMessage()),
          false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotDelivered("interrupted", false);
    }
    String result = "HTTP " + response.statusCode();
    if (response.statusCode() / 100 != 2) {
      throw new NotDelivered(result, false);
    }
    return result;
  }

  private String mail(String to, Alert alert) throws NotDelivered {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      throw new NotDelivered("no SMTP server configured (spring.mail.host)", true);
    }
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom(props.mailFrom());
    m.setTo(to);
    m.setSubject("[Shimwatch " + alert.project() + "] " + alert.summary());
    m.setText(
        alert.summary()
            + "\n\nWhat happened: "
            + alert.kind()
            + " ("
            + alert.subject()
            + ") at "
            + alert.time()
            + "\nSee: "
            + alert.link()
            + "\n\nYou get this because this address is subscribed to alerts of project "
            + alert.project()
            + " on Shimwatch; a maintainer unsubscribes it on the project's alerts page.\n");
    try {
      sender.send(m);
    } catch (MailException e) {
      String why = e.getMostSpecificCause().getMessage();
      throw new NotDelivered("SMTP: " + (why == null ? e.getClass().getSimpleName() : why), false);
    }
    return "SMTP 250 accepted";
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
