package org.shimwatch.probe.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import org.shimwatch.report.ReportJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks a server "will it work on my setup?" ({@code POST /api/v1/projects/{project}/check}): a
 * question the user asks on purpose, so it sends no ingest key, no installation id and no secret,
 * and keeps nothing. The server stores nothing of it either.
 */
public final class SetupCheckClient {

  /** The check API's path under a server's base URL. */
  public static final String CHECK_PATH = "/api/v1/projects/{project}/check";

  /** Largest answer read: an answer is a few KiB; more is not a Shimwatch server's. */
  static final int MAX_ANSWER_BYTES = 512 * 1024;

  /** How a check went. */
  public sealed interface Result {
    /** The server answered; {@code answer} is its JSON. */
    record Answered(JsonNode answer, String body) implements Result {}

    /** The server refused the question (400, 404, 413, ...), with its reason. */
    record Refused(int status, String reason) implements Result {}

    /** No usable answer: the server could not be reached or did not answer as one. */
    record Failed(String cause) implements Result {}
  }

  private final HttpClient client = HttpReportSender.client(HttpReportSender.CONNECT_TIMEOUT);

  /** The check URL of a project under a server's base URL. */
  public static URI uri(URI server, String project) {
    String b = server.toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return URI.create(b + CHECK_PATH.replace("{project}", project));
  }

  /** Sends the question, exactly these bytes. */
  public Result ask(URI uri, String json) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(HttpReportSender.ANSWER_TIMEOUT)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
              .build();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = HttpReportSender.readAtMost(in, MAX_ANSWER_BYTES);
      }
      int status = response.statusCode();
      if (status != 200) {
        return new Result.Refused(status, UploadOutcomes.reason(status, body));
      }
      try {
        JsonNode n = ReportJson.mapper().readTree(body);
        if (n != null && n.isObject() && n.has("readable") && n.has("stored")) {
          return new Result.Answered(n, new String(body, StandardCharsets.UTF_8));
        }
      } catch (JacksonException e) {
        // Falls through: a 200 that is not the server's answer.
      }
      return new Result.Failed(
          "the server answered 200 without a check answer: is the server URL a Shimwatch server?");
    } catch (ConnectException e) {
      return new Result.Failed(
          "cannot connect to " + uri.getScheme() + "://" + uri.getRawAuthority());
    } catch (HttpTimeoutException e) {
      return new Result.Failed("the server did not answer in time");
    } catch (IOException | RuntimeException e) {
      return new Result.Failed("network error: " + HttpReportSender.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result.Failed("interrupted");
    }
  }
}
