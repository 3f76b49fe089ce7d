package org.shimwatch.web.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.shimwatch.web.AlreadyExists;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.ForeignInstallation;
import org.shimwatch.web.KeyOfOtherProject;
import org.shimwatch.web.KeyRevoked;
import org.shimwatch.web.NotAllowed;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.RateLimited;
import org.shimwatch.web.Refusal;
import org.shimwatch.web.ReportRefused;
import org.shimwatch.web.StoreUnavailable;
import org.shimwatch.web.TooLarge;
import org.shimwatch.web.UnknownCaller;
import org.shimwatch.web.UnsupportedFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where refusals become HTTP. Services, storage and pages throw a {@link Refusal}
 * named for what happened; here each gets its status and becomes, for the API, an {@code
 * application/problem+json} document with its reason code (and its JSON pointers, or {@code
 * Retry-After}), and for a page, the problem page. Spring's own refusals (wrong method, missing
 * parameter …) go the same way, and so does an unexpected failure: logged here, answered with 500
 * and no stack trace. It also picks the page for errors the server forwards to {@code /error}.
 *
 * <p>A request is a page's when the handler that took it renders a view; everything else (the API,
 * badges, requests no handler took) gets the problem document.
 */
@ControllerAdvice
class ProblemHandler implements ErrorViewResolver {

  /** The one problem page. */
  static final String VIEW = "system/problem";

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  /** The status each refusal stands for; every kind of {@link Refusal} has one. */
  static final Map<Class<? extends Refusal>, HttpStatus> STATUS =
      Map.ofEntries(
          Map.entry(BadQueryException.class, HttpStatus.BAD_REQUEST),
          Map.entry(ChangeRefused.class, HttpStatus.BAD_REQUEST),
          Map.entry(ReportRefused.class, HttpStatus.BAD_REQUEST),
          Map.entry(UnknownCaller.class, HttpStatus.UNAUTHORIZED),
          Map.entry(KeyRevoked.class, HttpStatus.FORBIDDEN),
          Map.entry(KeyOfOtherProject.class, HttpStatus.FORBIDDEN),
          Map.entry(ForeignInstallation.class, HttpStatus.FORBIDDEN),
          Map.entry(NotAllowed.class, HttpStatus.FORBIDDEN),
          Map.entry(NotFound.class, HttpStatus.NOT_FOUND),
          Map.entry(AlreadyExists.class, HttpStatus.CONFLICT),
          Map.entry(TooLarge.class, HttpStatus.CONTENT_TOO_LARGE),
          Map.entry(UnsupportedFormat.class, HttpStatus.UNSUPPORTED_MEDIA_TYPE),
          Map.entry(RateLimited.class, HttpStatus.TOO_MANY_REQUESTS),
          Map.entry(StoreUnavailable.class, HttpStatus.SERVICE_UNAVAILABLE));

  private final SpringRefusals spring = new SpringRefusals();

  ProblemHandler(MessageSource messages) {
    spring.setMessageSource(messages);
  }

  /** The status a refusal is answered with. */
  static HttpStatus status(Refusal e) {
    HttpStatus status = STATUS.get(e.getClass());
    if (status == null) {
      throw new IllegalStateException("no status for " + e.getClass().getName());
    }
    return status;
  }

  /**
   * A refusal: its status, with the problem document or the problem page. Declared as {@code
   * Object} because the answer's own type (a response entity or a page) picks how it is written.
   */
  @ExceptionHandler(Refusal.class)
  Object refused(Refusal e, HttpServletRequest request, HttpServletResponse response) {
    HttpStatus status = status(e);
    if (isPage(request)) {
      if (e instanceof RateLimited r) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()));
      }
      return page(status, e.getMessage(), request);
    }
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    body.setTitle(status.getReasonPhrase());
    body.setType(URI.create("urn:shimwatch:problem:" + e.reason()));
    body.setProperty("reason", e.reason());
    if (e instanceof BadQueryException q) {
      body.setProperty("parameter", q.parameter());
    }
    if (e instanceof ReportRefused r && !r.pointers().isEmpty()) {
      List<Map<String, String>> v =
          r.pointers().stream()
              .map(
                  x -> Map.of("pointer", x.pointer(), "reason", x.reason(), "message", x.message()))
              .toList();
      body.setProperty("violations", v);
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    if (e instanceof RateLimited r) {
      answer.header(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()));
    }
    return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /**
   * Spring's own refusals get their status and a reason code; anything else is a failure of the
   * server, logged here and answered with 500.
   *
   * @param response taken so that a refusal Spring answers with nothing (a timed-out async request
   *     whose response is committed) counts as answered
   */
  @ExceptionHandler(Exception.class)
  Object failed(
      Exception e,
      WebRequest webRequest,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (isPage(request)) {
      if (e instanceof MethodArgumentTypeMismatchException m) {
        return page(
            HttpStatus.BAD_REQUEST, "'" + m.getName() + "' is not a valid value here.", request);
      }
      if (e instanceof MissingServletRequestParameterException m) {
        return page(HttpStatus.BAD_REQUEST, "'" + m.getParameterName() + "' is missing.", request);
      }
      if (e instanceof ErrorResponse r && r.getStatusCode().is4xxClientError()) {
        return page(
            HttpStatus.valueOf(r.getStatusCode().value()),
            "The request could not be handled.",
            request);
      }
      logUnexpected(e, request);
      return page(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "The server failed; the failure has been logged.",
          request);
    }
    try {
      return spring.handleException(e, webRequest);
    } catch (Exception notSpringsOwn) {
      // handleException throws back whatever is not one of Spring's own refusals.
    }
    logUnexpected(e, request);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "The server failed; the failure has been logged.");
    body.setProperty("reason", "internal-error");
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  /** Errors forwarded to {@code /error} (by the container, or for a path nothing maps). */
  @Override
  public ModelAndView resolveErrorView(
      HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    Object path = model.get("path");
    return page(
        status,
        status == HttpStatus.NOT_FOUND
            ? "There is no page here."
            : "The request could not be handled.",
        path instanceof String p ? p : "/",
        request);
  }

  /** Whether the handler that took the request renders a page, rather than a body of its own. */
  static boolean isPage(HttpServletRequest request) {
    return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)
            instanceof HandlerMethod m
        && !AnnotatedElementUtils.hasAnnotation(m.getBeanType(), ResponseBody.class)
        && !m.hasMethodAnnotation(ResponseBody.class)
        && !HttpEntity.class.isAssignableFrom(m.getReturnType().getParameterType());
  }

  private static ModelAndView page(HttpStatus status, String message, HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return page(status, message, path, request);
  }

  private static ModelAndView page(
      HttpStatus status, String message, String path, HttpServletRequest request) {
    boolean maintainer = path.startsWith("/maintainer");
    ModelAndView mv = new ModelAndView(VIEW, status);
    mv.addObject("status", status.value());
    mv.addObject(
        "heading",
        switch (status) {
          case NOT_FOUND -> "Not found";
          case INTERNAL_SERVER_ERROR -> "Something went wrong";
          default -> "Cannot show this page";
        });
    mv.addObject("message", message);
    mv.addObject("backHref", maintainer ? "/maintainer" : "/");
    mv.addObject(
        "backText", maintainer ? "Back to the overview" : "Back to the compatibility matrix");
    // Model attribute methods do not run for exception views; the layout still needs to know.
    mv.addObject("signedIn", request.getUserPrincipal() != null);
    return mv;
  }

  private static void logUnexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
  }

  /** Spring's answers to its own refusals, each with a reason code added. */
  private static final class SpringRefusals extends ResponseEntityExceptionHandler {

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
}
