package org.shimwatch.web.admin;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/** The answer to a form post: 303 See Other, so reloading the next page never posts again. */
public final class SeeOther {

  private SeeOther() {}

  /**
   * @param path an application path, without query
   * @param query parameters, encoded here; {@code null} values are left out
   */
  public static RedirectView to(String path, Map<String, ?> query) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    query.forEach(
        (k, v) -> {
          if (v != null) {
            b.queryParam(k, v);
          }
        });
    RedirectView view = new RedirectView(b.encode().build().toUriString(), true);
    view.setStatusCode(HttpStatus.SEE_OTHER);
    view.setExposeModelAttributes(false);
    return view;
  }
}
