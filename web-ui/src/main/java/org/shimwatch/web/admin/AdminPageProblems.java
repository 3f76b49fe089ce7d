package org.shimwatch.web.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refusals on the maintainer pages of this package become a page with the status and a sentence,
 * ahead of any handler that would answer with JSON.
 */
@ControllerAdvice(basePackageClasses = AdminPageProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminPageProblems {

  @ExceptionHandler(NotFound.class)
  ModelAndView notFound(NotFound e, HttpServletRequest request) {
    return page(HttpStatus.NOT_FOUND, e.getMessage(), request);
  }

  @ExceptionHandler(ChangeRefused.class)
  ModelAndView refused(ChangeRefused e, HttpServletRequest request) {
    return page(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView badValue(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return page(
        HttpStatus.BAD_REQUEST, "'" + e.getName() + "' is not a valid value here.", request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ModelAndView missing(MissingServletRequestParameterException e, HttpServletRequest request) {
    return page(HttpStatus.BAD_REQUEST, "'" + e.getParameterName() + "' is missing.", request);
  }

  private static ModelAndView page(HttpStatus status, String message, HttpServletRequest request) {
    ModelAndView mv = new ModelAndView("maintainer/projects/problem", status);
    mv.addObject("status", status.value());
    mv.addObject("message", message);
    // Model attribute methods do not run for exception views; the layout still needs to know.
    mv.addObject("signedIn", request.getUserPrincipal() != null);
    return mv;
  }
}
