package org.shimwatch.server.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal of the API into {@code application/problem+json} with a reason code, and
 * every unexpected failure into a 500 that shows no stack trace (it is logged instead).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem e, HttpServletRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    body.setTitle(e.status().getReasonPhrase());
    body.setType(URI.create("urn:shimwatch:problem:" + e.reason()));
    body.setProperty("reason", e.reason());
    if (!e.violations().isEmpty()) {
      List<Map<String, String>> v =
          e.violations().stream()
              .map(
                  x -> Map.of("pointer", x.pointer(), "reason", x.reason(), "message", x.message()))
              .toList();
      body.setProperty("violations", v);
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
    return response
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  /** A query parameter the analytics endpoints cannot use: 400 naming the parameter. */
  @ExceptionHandler(org.shimwatch.web.BadQueryException.class)
  ResponseEntity<ProblemDetail> badQuery(org.shimwatch.web.BadQueryException e) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    body.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
    body.setType(URI.create("urn:shimwatch:problem:" + e.reason()));
    body.setProperty("reason", e.reason());
    body.setProperty("parameter", e.parameter());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  /** Spring's own refusals (wrong method, missing header, bad path variable …) get a reason. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response != null && response.getBody() instanceof ProblemDetail problem) {
      problem.setProperty("reason", reasonFor(statusCode));
    }
    return response;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "The server failed; the failure has been logged.");
    body.setProperty("reason", "internal-error");
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  private static String reasonFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "bad-request";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "too-large";
      case 415 -> "unsupported-media-type";
      default -> "http-" + status.value();
    };
  }
}
