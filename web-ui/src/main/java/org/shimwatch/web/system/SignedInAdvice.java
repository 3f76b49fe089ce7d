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

  /** Whether the one signed in is a viewer, who is told that changes are not theirs to make. */
  @ModelAttribute("viewer")
  boolean viewer(jakarta.servlet.http.HttpServletRequest request) {
    return request.isUserInRole("VIEWER");
  }
}
