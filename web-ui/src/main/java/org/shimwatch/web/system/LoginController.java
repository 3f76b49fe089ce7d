package org.shimwatch.web.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The maintainer sign-in page; the form posts to the security filter. */
@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return "system/login";
  }
}
