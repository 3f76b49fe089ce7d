package org.shimwatch.probe.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.UUID;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks the server to delete everything an installation sent ({@code DELETE
 * /api/v1/installations/{id}}), proving ownership with the installation secret: no account.
 */
public final class InstallationEraser {

  /** How a deletion request went. */
  public sealed interface Result {
    /** The server deleted {@code reports} reports. */
    record Deleted(int reports) implements Result {}

    /** The server has nothing for this installation (404): nothing to delete. */
    record NothingStored() implements Result {}

    /** The server refused (403 wrong secret, 401, or another answer), with its reason. */
    record Refused(int status, String reason) implements Result {}

    /** No answer: the request may be tried again. */
    record Failed(String cause) implements Result {}
  }

  private final HttpClient client = HttpReportSender.client(HttpReportSender.CONNECT_TIMEOUT);

  /**
   * Sends the request.
   *
   * @param uri the installation's deletion URL
   * @param installationId the installation
   * @param secret its secret
   */
  public Result erase(URI uri, UUID installationId, String secret) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(HttpReportSender.ANSWER_TIMEOUT)
              .header(IngestProtocol.INSTALLATION_SECRET_HEADER, secret)
              .DELETE()
              .build();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = HttpReportSender.readAtMost(in, HttpReportSender.MAX_ANSWER_BYTES);
      }
      int status = response.statusCode();
      if (status == 200) {
        try {
          JsonNode n = ReportJson.mapper().readTree(body);
          if (n != null
              && installationId.toString().equals(n.path("installationId").asString(""))) {
            return new Result.Deleted(n.path("reportsDeleted").asInt(0));
          }
        } catch (JacksonException e) {
          // Falls through: a 200 that is not the server's answer.
        }
        return new Result.Failed(
            "the server answered 200 without confirming the deletion: is the server URL a Shimwatch server?");
      }
      if (status == 404) {
        String reason = UploadOutcomes.reason(status, body);
        if (reason.contains("installation-not-found")) {
          return new Result.NothingStored();
        }
        return new Result.Refused(status, reason + " (check the server URL)");
      }
      return new Result.Refused(status, UploadOutcomes.reason(status, body));
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
