package org.shimwatch.probe.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.shimwatch.probe.outbox.FileReportQueue.QueuedReport;
import org.shimwatch.report.IngestProtocol;

/**
 * Posts reports to the ingest endpoint: the outbox bytes gzip-compressed, the ingest key and the
 * installation secret in headers, with connect and answer timeouts. HTTP/1.1 only, and no {@code
 * Expect: 100-continue} (JDK 17's client waits forever when a server answers without a 100 first;
 * reports are small enough to send whole).
 */
public final class HttpReportSender implements ReportSender {

  /** Connecting takes milliseconds when the server is up; 10 s covers a slow network. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The server commits a report in milliseconds; 30 s to answer covers a loaded server and a slow
   * link without holding a {@code shimwatch run} for long.
   */
  public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  /** Answers are a receipt or a problem document; anything longer is cut. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final HttpClient client;
  private final URI endpoint;
  private final String ingestKey;
  private final String installationSecret;
  private final Duration answerTimeout;
  private final Clock clock;

  /**
   * @param endpoint the ingest URL ({@code …/api/v1/projects/{project}/reports})
   * @param ingestKey the project's ingest key
   * @param installationSecret this installation's secret
   */
  public HttpReportSender(URI endpoint, String ingestKey, String installationSecret, Clock clock) {
    this(endpoint, ingestKey, installationSecret, CONNECT_TIMEOUT, ANSWER_TIMEOUT, clock);
  }

  HttpReportSender(
      URI endpoint,
      String ingestKey,
      String installationSecret,
      Duration connectTimeout,
      Duration answerTimeout,
      Clock clock) {
    this.client = client(connectTimeout);
    this.endpoint = endpoint;
    this.ingestKey = ingestKey;
    this.installationSecret = installationSecret;
    this.answerTimeout = answerTimeout;
    this.clock = clock;
  }

  /** The HTTP client the probe uses for every request. */
  static HttpClient client(Duration connectTimeout) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(ProxySelector.getDefault());
    javax.net.ssl.SSLContext tls = org.shimwatch.probe.ProbeTls.processContext();
    if (tls != null) {
      b.sslContext(tls);
    }
    return b.build();
  }

  @Override
  public UploadOutcome send(QueuedReport report) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(answerTimeout)
              .header("Content-Type", "application/json")
              .header("Content-Encoding", "gzip")
              .header(IngestProtocol.KEY_HEADER, ingestKey)
              .header(IngestProtocol.INSTALLATION_SECRET_HEADER, installationSecret)
              .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(report.body())))
              .build();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] answer;
      try (InputStream in = response.body()) {
        answer = readAtMost(in, MAX_ANSWER_BYTES);
      }
      return UploadOutcomes.fromResponse(
          response.statusCode(),
          response.headers().firstValue("Retry-After").orElse(null),
          answer,
          report.report().reportId(),
          clock.instant());
    } catch (HttpConnectTimeoutException e) {
      return new UploadOutcome.Failed(
          "no connection to " + origin() + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
    } catch (HttpTimeoutException e) {
      return new UploadOutcome.Failed(
          origin() + " did not answer within " + answerTimeout.toSeconds() + " s");
    } catch (ConnectException e) {
      return new UploadOutcome.Failed(
          "cannot connect to " + origin() + " (is the server running?)");
    } catch (IOException e) {
      return new UploadOutcome.Failed("network error talking to " + origin() + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new UploadOutcome.Failed("interrupted while sending");
    } catch (RuntimeException e) {
      // A header value the client refuses, a URL it cannot use: say so rather than throw.
      return new UploadOutcome.Failed("cannot send to " + origin() + ": " + describe(e));
    }
  }

  private String origin() {
    return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    }
    return out.toByteArray();
  }

  static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) != -1) {
      int take = Math.min(n, limit - out.size());
      out.write(buf, 0, take);
      if (out.size() >= limit) {
        break;
      }
    }
    return out.toByteArray();
  }
}
