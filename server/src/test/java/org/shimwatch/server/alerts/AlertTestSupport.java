package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.server.ServerTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server with its own database, a real SMTP server (python3-aiosmtpd) and a real webhook
 * receiver on loopback, quick retries, and private targets allowed (the receivers are on
 * 127.0.0.1).
 */
public abstract class AlertTestSupport extends ServerTestSupport {

  protected static SmtpSink smtp;
  protected static final WebhookReceiver receiver;

  static {
    try {
      receiver = new WebhookReceiver();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void alertProperties(DynamicPropertyRegistry registry) throws IOException {
    // A database of its own: the other test servers in this JVM share one, and their alert senders
    // (which refuse loopback receivers) would take this server's deliveries from the outbox.
    ownDatabase(registry, "shimwatch-alert-test");
    if (smtp == null) {
      smtp = SmtpSink.start();
      Runtime.getRuntime().addShutdownHook(new Thread(smtp::close));
    }
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> Integer.toString(smtp.port()));
    registry.add("shimwatch.alerts.allow-private-targets", () -> "true");
    registry.add("shimwatch.alerts.poll-interval", () -> "100ms");
    registry.add("shimwatch.alerts.first-retry", () -> "200ms");
    registry.add("shimwatch.alerts.max-retry", () -> "1s");
    registry.add("shimwatch.alerts.send-timeout", () -> "2s");
    registry.add("shimwatch.alerts.spike-window", () -> "2s");
    registry.add("shimwatch.alerts.spike-threshold", () -> "20");
    registry.add("shimwatch.alerts.mail-from", () -> "alerts@shimwatch.test");
  }

  /** Waits up to twenty seconds for a condition (a loaded CI machine is slow). */
  protected static void await(String what, BooleanSupplier done) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(20).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("waited twenty seconds for " + what);
      }
      Thread.sleep(25);
    }
  }

  protected HttpResponse<String> adminJson(String method, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", adminAuth())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A browser session signed in as the test maintainer: cookies kept, redirects not followed. */
  protected final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String token;

    Browser signIn() throws Exception {
      get("/login");
      HttpResponse<String> r =
          post("/login", "username=admin&password=" + enc(ADMIN_PASSWORD), true);
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
      return this;
    }

    HttpResponse<String> get(String pathOrUrl) throws Exception {
      URI u = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : uri(pathOrUrl);
      HttpResponse<String> r =
          client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) {
        token = m.group(1);
      }
      return r;
    }

    HttpResponse<String> post(String path, String form, boolean withToken) throws Exception {
      String body = withToken && token != null ? form + "&_csrf=" + enc(token) : form;
      return client.send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  protected static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
