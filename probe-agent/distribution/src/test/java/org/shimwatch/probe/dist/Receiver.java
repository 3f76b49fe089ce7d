package org.shimwatch.probe.dist;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for a Shimwatch server's ingest endpoint on loopback: takes every report with a 202
 * receipt, as the server does, and keeps it for the test to read.
 */
final class Receiver implements AutoCloseable {

  private final HttpServer server;
  private final List<JsonNode> reports = new ArrayList<>();
  private final String receiptExtra;

  Receiver() throws IOException {
    this("");
  }

  /**
   * @param receiptExtra JSON members added to every receipt (e.g. {@code ,"knownIssues":[…]}), as a
   *     server with advice for the report's trap group answers
   */
  Receiver(String receiptExtra) throws IOException {
    this.receiptExtra = receiptExtra;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "receiver");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized List<JsonNode> reports() {
    return List.copyOf(reports);
  }

  /** Waits until {@code n} reports have arrived, or {@code limit} has passed. */
  List<JsonNode> awaitReports(int n, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      List<JsonNode> r = reports();
      if (r.size() >= n) {
        return r;
      }
      Thread.sleep(20);
    }
    return reports();
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] raw = ex.getRequestBody().readAllBytes();
    if (!ex.getRequestMethod().equals("POST")
        || ex.getRequestHeaders().getFirst(IngestProtocol.KEY_HEADER) == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    byte[] body = raw;
    if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        body = in.readAllBytes();
      }
    }
    JsonNode report = ReportJson.mapper().readTree(body);
    synchronized (this) {
      reports.add(report);
    }
    byte[] receipt =
        ("{\"reportId\":\""
                + report.path("reportId").asString()
                + "\",\"receivedAt\":\""
                + Instant.now()
                + "\",\"duplicate\":false"
                + receiptExtra
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(202, receipt.length);
    ex.getResponseBody().write(receipt);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
