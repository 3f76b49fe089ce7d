package org.shimwatch.server.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.server.report.Receipt;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The ingest API probes post reports to. */
@RestController
class IngestController {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final IngestService ingest;

  IngestController(IngestService ingest) {
    this.ingest = ingest;
  }

  /**
   * Stores one report: 202 with a receipt once it is committed, 200 with the original receipt when
   * the same report id was stored before. The receipt goes out with its length, in one write: as an
   * object for the message converters it would be sent in chunks, the last one in a write and a
   * packet of its own.
   */
  @PostMapping(IngestProtocol.REPORTS_PATH)
  ResponseEntity<byte[]> post(
      @PathVariable String project,
      @RequestHeader(name = IngestProtocol.KEY_HEADER, required = false) String key,
      @RequestHeader(name = IngestProtocol.INSTALLATION_SECRET_HEADER, required = false)
          String secret,
      HttpServletRequest request) {
    Receipt receipt =
        ingest.ingest(
            new IngestService.Request(
                project,
                key,
                secret,
                request.getContentType(),
                limit -> BodyReader.read(request, limit)));
    byte[] body = JSON.writeValueAsBytes(receipt);
    return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .contentType(MediaType.APPLICATION_JSON)
        .contentLength(body.length)
        .body(body);
  }

  /**
   * Does nothing but read the body: lets a probe check it can reach the server, and is the baseline
   * the ingest benchmark compares against.
   */
  @RequestMapping(
      path = "/api/v1/ping",
      method = {RequestMethod.GET, RequestMethod.POST})
  ResponseEntity<Void> ping(HttpServletRequest request) {
    BodyReader.read(request, 256 * 1024);
    return ResponseEntity.noContent().build();
  }
}
