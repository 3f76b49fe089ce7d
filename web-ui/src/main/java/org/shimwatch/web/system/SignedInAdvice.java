package org.shimwatch.web.system;

import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every page whether a maintainer is signed in, so the layout can show their links. */
@ControllerAdvice(basePackages = "org.shimwatch.web")
class SignedInAdvice {

  @ModelAttribute("signedIn")
  boolean signedIn(Principal principal) {
    return principal != null;
  }

  /** Whether the one signed in is a server owner, who also sees the accounts link. */
  @ModelAttribute("owner")
  boolean owner(jakarta.servlet.http.HttpServletRequest request) {
    return request.isUserInRole("OWNER");
  }

  /**
   * Whether the page offers its forms and links that change something. A viewer may only look, so
   * is offered none (the server still answers 403 to a viewer's change, whatever the page shows);
   * roles are per account, and a project the account may not see answers 404 before any page. The
   * one exception is one's own password and sessions, whose forms every role gets.
   */
  @ModelAttribute("canEdit")
  boolean canEdit(jakarta.servlet.http.HttpServletRequest request) {
    return !viewer(request);
  }

  /** Whether the one signed in is a viewer, who is told that changes are not theirs to make. */
  @ModelAttribute("viewer")
  boolean viewer(jakarta.servlet.http.HttpServletRequest request) {
    return request.isUserInRole("VIEWER");
  }
}
