package org.shimwatch.web.system;

import jakarta.servlet.http.HttpServletRequest;
import org.shimwatch.web.NotAllowed;
import org.shimwatch.web.RateLimited;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The maintainer sign-in page; the form posts to the security filter. */
@Controller
public class LoginController {

  /** Where the server's sign-in throttle sends a form sign-in it turns away. */
  public static final String THROTTLED_PATH = "/login/throttled";

  /** Where the pages' security sends a signed-in request its role may not make. */
  public static final String FORBIDDEN_PATH = "/login/forbidden";

  /** The request attribute holding the seconds to wait, set by the throttle. */
  public static final String RETRY_AFTER_ATTRIBUTE = "org.shimwatch.signin.retryAfter";

  @GetMapping("/login")
  String login() {
    return "system/login";
  }

  @RequestMapping(THROTTLED_PATH)
  String throttled(HttpServletRequest request) {
    if (!(request.getAttribute(RETRY_AFTER_ATTRIBUTE) instanceof Long wait)) {
      return "redirect:/login";
    }
    throw new RateLimited(
        "sign-in-throttled",
        "Too many failed sign-ins for this account or from this address. Nothing was checked;"
            + " try again in "
            + wait
            + (wait == 1 ? " second." : " seconds."),
        wait);
  }

  @RequestMapping(FORBIDDEN_PATH)
  String forbidden() {
    throw new NotAllowed(
        "role-not-allowed",
        "Your account's role may not do this here. A viewer sees and changes nothing; only an"
            + " owner manages accounts and creates projects.");
  }
}
