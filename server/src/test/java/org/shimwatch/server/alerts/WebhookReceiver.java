package org.shimwatch.server.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook receiver on loopback (the JDK's HTTP server), doing what a receiver should: it
 * checks the signature with the subscription's secret and refuses a timestamp more than five
 * minutes off. Each path can be told to fail its first posts with 503, to prove retries.
 */
public final class WebhookReceiver implements AutoCloseable {

  /**
   * One post received.
   *
   * @param verified the signature matched the secret and the timestamp was fresh
   * @param answered the status it was answered with
   */
  public record Post(
      String path, Instant receivedAt, String body, boolean verified, int answered) {}

  private final HttpServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
  private final List<Post> posts = new CopyOnWriteArrayList<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Instant at = Instant.now();
          String path = exchange.getRequestURI().getPath();
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String secret = secrets.get(path);
          boolean verified =
              secret != null
                  && AlertSigning.verify(
                      secret,
                      exchange.getRequestHeaders().getFirst(AlertSigning.SIGNATURE_HEADER),
                      exchange.getRequestHeaders().getFirst(AlertSigning.TIMESTAMP_HEADER),
                      body,
                      at.getEpochSecond(),
                      300);
          AtomicInteger fails = failFirst.get(path);
          int status;
          if (!verified) {
            status = 401;
          } else if (fails != null && fails.getAndDecrement() > 0) {
            status = 503;
          } else {
            status = 204;
          }
          posts.add(
              new Post(
                  path,
                  at,
                  new String(body, java.nio.charset.StandardCharsets.UTF_8),
                  verified,
                  status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** The URL of one path on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The secret posts to this path are checked with. */
  public void secret(String path, String secret) {
    secrets.put(path, secret);
  }

  /** Answers the next {@code n} signed posts to this path with 503. */
  public void failFirst(String path, int n) {
    failFirst.put(path, new AtomicInteger(n));
  }

  /** Posts to this path, oldest first. */
  public List<Post> posts(String path) {
    return posts.stream().filter(p -> p.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
