package org.shimwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ShimwatchServerApplication;
import org.shimwatch.server.demo.DemoReports;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the server while probes post: every report answered with 202 is in the database
 * afterwards. The web server finishes its in-flight requests, then the writer drains its queue.
 */
class GracefulShutdownIntegrationTests {

  static final String KEY = "swk_graceful_shutdown_test_key";

  @Test
  void everyAcknowledgedReportIsCommittedWhenTheServerStopsMidLoad() throws Exception {
    Path data = Files.createTempDirectory("shimwatch-shutdown-test");
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ShimwatchServerApplication.class)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--shimwatch.data-dir=" + data,
                "--shimwatch.bootstrap-key=" + KEY,
                "--shimwatch.admin-password=shutdown-test-password",
                "--logging.level.root=WARN");
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    URI ingest = URI.create("http://127.0.0.1:" + port + IngestProtocol.reportsPath("default"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    DemoReports gen = new DemoReports(7, java.time.Instant.now(), 100_000);

    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<String>> posts = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      DemoReports.Generated g = gen.next();
      String body = ReportJson.write(g.report());
      String id = g.report().reportId().toString();
      String secret = DemoReports.installationSecret(g.installation());
      posts.add(
          pool.submit(
              () -> {
                HttpResponse<Void> r =
                    http.send(
                        HttpRequest.newBuilder(ingest)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .header(IngestProtocol.KEY_HEADER, KEY)
                            .header(IngestProtocol.INSTALLATION_SECRET_HEADER, secret)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                        HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 202 ? id : null;
              }));
    }
    // Let some be acknowledged, then stop the server under load.
    Thread.sleep(1_500);
    app.close();

    Set<String> acknowledged = new HashSet<>();
    int refused = 0;
    for (Future<String> f : posts) {
      try {
        String id = f.get();
        if (id != null) {
          acknowledged.add(id);
        } else {
          refused++;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        // Connection refused or reset after the stop: not acknowledged, the probe retries.
        refused++;
      }
    }
    pool.shutdownNow();

    Set<String> stored = new HashSet<>();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + data.resolve("shimwatch") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT report_id FROM report")) {
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
    }

    assertThat(acknowledged).as("some reports were acknowledged before the stop").isNotEmpty();
    assertThat(stored).as("every acknowledged report is stored").containsAll(acknowledged);
    assertThat(acknowledged.size() + refused).isEqualTo(3_000);
  }
}
