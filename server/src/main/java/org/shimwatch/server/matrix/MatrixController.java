package org.shimwatch.server.matrix;

import java.util.List;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.cache.PublicCache;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The compatibility matrix as JSON, or as CSV for {@code Accept: text/csv} (or {@code format=csv},
 * for a download link). The public endpoint needs no login; the maintainer endpoint shows the
 * computed tier and counts of low-sample cells and each row's inactive-shim reports. The public one
 * answers {@code 304} from the project's public version ({@link PublicCache}); the maintainer's is
 * never kept.
 */
@RestController
class MatrixController {

  static final MediaType TEXT_CSV =
      new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final MatrixService matrix;
  private final PublicCache cache;

  MatrixController(MatrixService matrix, PublicCache cache) {
    this.matrix = matrix;
    this.cache = cache;
  }

  @GetMapping("/api/v1/projects/{project}/matrix")
  ResponseEntity<?> publicMatrix(
      @PathVariable String project,
      @RequestParam(required = false) String columns,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String stack,
      @RequestParam(required = false) String client,
      @RequestParam(required = false) String clientVersion,
      @RequestParam(required = false) String shim,
      @RequestParam(required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
      ServletWebRequest web) {
    return answer(
        project, columns, platform, stack, client, clientVersion, shim, format, accept, false, web);
  }

  @GetMapping("/api/v1/admin/projects/{project}/matrix")
  ResponseEntity<?> maintainerMatrix(
      @PathVariable String project,
      @RequestParam(required = false) String columns,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String stack,
      @RequestParam(required = false) String client,
      @RequestParam(required = false) String clientVersion,
      @RequestParam(required = false) String shim,
      @RequestParam(required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
      ServletWebRequest web) {
    return answer(
        project, columns, platform, stack, client, clientVersion, shim, format, accept, true, web);
  }

  private ResponseEntity<?> answer(
      String project,
      String columns,
      String platform,
      String stack,
      String client,
      String clientVersion,
      String shim,
      String format,
      String accept,
      boolean maintainer,
      ServletWebRequest web) {
    boolean csv = wantsCsv(format, accept);
    // The answer depends on Accept (JSON or CSV), so shared caches keep one copy of each.
    web.getResponse().setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    PublicCache.Check check =
        cache.project(
            web, project, PublicCache.Kind.PAGE, csv ? "matrix-csv" : "matrix-json", maintainer);
    if (check.answered()) {
      return null;
    }
    MatrixColumns by = MatrixColumns.CLIENT;
    if (columns != null && !columns.isBlank()) {
      by =
          MatrixColumns.of(columns)
              .orElseThrow(
                  () ->
                      new BadQueryException(
                          "invalid-columns", "columns", "columns is client or shim"));
    }
    MatrixView view =
        matrix
            .matrix(
                project,
                new MatrixRequest(by, platform, stack, client, clientVersion, shim, maintainer))
            .orElseThrow(() -> new NotFound("project-not-found", "there is no such project"));
    if (csv) {
      return check
          .on(ResponseEntity.ok())
          .contentType(TEXT_CSV)
          .header(
              HttpHeaders.CONTENT_DISPOSITION,
              "inline; filename=\"" + view.project() + "-matrix.csv\"")
          .body(MatrixCsv.write(view));
    }
    return check.on(ResponseEntity.ok()).contentType(MediaType.APPLICATION_JSON).body(view);
  }

  /**
   * CSV when {@code format=csv}, or when the Accept header names {@code text/csv} and prefers it to
   * JSON; JSON otherwise (also for {@code *}{@code /*} and browsers).
   */
  static boolean wantsCsv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      String f = format.strip();
      if (f.equalsIgnoreCase("csv")) {
        return true;
      }
      if (f.equalsIgnoreCase("json")) {
        return false;
      }
      throw new BadQueryException("invalid-format", "format", "format is json or csv");
    }
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> types;
    try {
      types = MediaType.parseMediaTypes(accept);
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
    double csvQuality = -1;
    double jsonQuality = -1;
    for (MediaType t : types) {
      if (t.getType().equalsIgnoreCase("text") && t.getSubtype().equalsIgnoreCase("csv")) {
        csvQuality = Math.max(csvQuality, t.getQualityValue());
      } else if (t.isCompatibleWith(MediaType.APPLICATION_JSON) && !t.isWildcardType()) {
        jsonQuality = Math.max(jsonQuality, t.getQualityValue());
      }
    }
    return csvQuality > 0 && csvQuality >= jsonQuality;
  }
}
