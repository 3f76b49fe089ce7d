package org.shimwatch.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for the Shimwatch server's ingest endpoint on loopback (the real server depends on
 * this module, so its tests cannot start it): records every request, inflates gzip bodies, and
 * answers with scripted statuses, then with 202 receipts like the server's.
 */
public final class LocalReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, byte[] body, byte[] rawBody) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    public JsonNode json() {
      return ReportJson.mapper().readTree(body);
    }
  }

  /** A scripted answer; status 0 waits {@code body} milliseconds, then answers 503. */
  public record Answer(int status, String contentType, String body, Map<String, String> headers) {
    public static Answer problem(int status, String reason) {
      return new Answer(
          status,
          "application/problem+json",
          "{\"status\":"
              + status
              + ",\"reason\":\""
              + reason
              + "\",\"detail\":\"scripted "
              + reason
              + "\"}",
          Map.of());
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();

  public LocalReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    // One thread per request, so that a scripted silence does not hold up the next request.
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-receiver");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  /** Base URL, e.g. http://127.0.0.1:PORT. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next requests with these, in order; afterwards with receipts. */
  public synchronized LocalReceiver then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** Reports received (bodies of POSTs to the ingest path). */
  public synchronized List<JsonNode> reports() {
    List<JsonNode> out = new ArrayList<>();
    for (Received r : received) {
      if (r.method().equals("POST") && r.path().endsWith("/reports")) {
        out.add(r.json());
      }
    }
    return out;
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readAllBytes();
    }
    byte[] body = raw;
    String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
    if ("gzip".equalsIgnoreCase(enc)) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        body = in.readAllBytes();
      }
    }
    Answer a;
    synchronized (this) {
      received.add(
          new Received(
              ex.getRequestMethod(),
              ex.getRequestURI().getPath(),
              Map.copyOf(ex.getRequestHeaders()),
              body,
              raw));
      a = script.poll();
    }
    if (a == null) {
      a = defaultAnswer(ex, body);
    }
    if (a.status() == 0) {
      // Scripted silence: answer only after the client has given up waiting.
      try {
        Thread.sleep(Long.parseLong(a.body()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      a = new Answer(503, null, null, Map.of());
    }
    byte[] out = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
    if (a.contentType() != null) {
      ex.getResponseHeaders().set("Content-Type", a.contentType());
    }
    a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      ex.getResponseBody().write(out);
    }
    ex.close();
  }

  private static Answer defaultAnswer(HttpExchange ex, byte[] body) {
    if (ex.getRequestMethod().equals("POST")
        && ex.getRequestHeaders().getFirst(IngestProtocol.KEY_HEADER) != null) {
      String id =
          ReportJson.mapper()
              .readTree(body)
              .path("reportId")
              .asString(UUID.randomUUID().toString());
      return new Answer(
          202,
          "application/json",
          "{\"reportId\":\""
              + id
              + "\",\"receivedAt\":\""
              + Instant.now()
              + "\",\"duplicate\":false}",
          Map.of());
    }
    return new Answer(
        404, "application/problem+json", "{\"status\":404,\"reason\":\"not-found\"}", Map.of());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
