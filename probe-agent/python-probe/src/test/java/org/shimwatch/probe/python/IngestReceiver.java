package org.shimwatch.probe.python;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * The Shimwatch server's ingest and deletion endpoints as the probe sees them, on loopback: records
 * every request (inflating gzip bodies), answers with scripted statuses first, then as the server
 * does: 202 with a receipt for a report, 200 with a count for a deletion.
 */
final class IngestReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    JsonNode json() {
      return ReportJson.mapper().readTree(body);
    }
  }

  /** A scripted answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer problem(int status, String reason, Map<String, String> headers) {
      return new Answer(
          status,
          headers,
          "{\"status\":"
              + status
              + ",\"reason\":\""
              + reason
              + "\",\"detail\":\"scripted "
              + reason
              + "\"}");
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();

  IngestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> daemon(new Thread(r, "ingest"))));
    server.start();
  }

  private static Thread daemon(Thread t) {
    t.setDaemon(true);
    return t;
  }

  /** The base URL the probe is given. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next request with this instead of the server's usual answer. */
  synchronized IngestReceiver then(Answer a) {
    script.add(a);
    return this;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange x) throws IOException {
    byte[] raw;
    try (InputStream in = x.getRequestBody()) {
      raw = in.readAllBytes();
    }
    byte[] body = raw;
    if ("gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"))) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        body = in.readAllBytes();
      }
    }
    Received r =
        new Received(
            x.getRequestMethod(),
            x.getRequestURI().getPath(),
            Map.copyOf(x.getRequestHeaders()),
            body);
    Answer scripted;
    int reports;
    synchronized (this) {
      received.add(r);
      scripted = script.poll();
      reports = (int) received.stream().filter(q -> q.method().equals("POST")).count();
    }
    Answer a = scripted != null ? scripted : usual(r, reports);
    a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
    x.getResponseHeaders().add("Content-Type", "application/json");
    byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      x.getResponseBody().write(out);
    }
    x.close();
  }

  private static Answer usual(Received r, int reports) {
    if (r.method().equals("POST")) {
      String id = r.json().path("reportId").asString();
      return new Answer(
          202, Map.of(), "{\"reportId\":\"" + id + "\",\"receivedAt\":\"" + Instant.now() + "\"}");
    }
    if (r.method().equals("DELETE")) {
      String id = r.path().substring(r.path().lastIndexOf('/') + 1);
      return new Answer(
          200, Map.of(), "{\"installationId\":\"" + id + "\",\"reportsDeleted\":" + reports + "}");
    }
    return new Answer(405, Map.of(), "");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
