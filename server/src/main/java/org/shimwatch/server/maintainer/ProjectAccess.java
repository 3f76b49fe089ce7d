package org.shimwatch.server.maintainer;

import java.util.List;
import java.util.Optional;
import org.shimwatch.web.NotFound;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one answer to "may the one signed in see this project?". A project it may not see is answered
 * as if it did not exist, so its name, its data and even whether it exists stay hidden. Outside a
 * request (jobs, start-up) nobody is signed in and nothing is filtered.
 */
@Component
public class ProjectAccess {

  /** The account of this request, if one is signed in. */
  public static Optional<Account> current() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    return a != null && a.getPrincipal() instanceof Account account
        ? Optional.of(account)
        : Optional.empty();
  }

  /** Whether the one signed in may see the project (true outside a signed-in request). */
  public boolean maySee(String slug) {
    return current().map(a -> a.maySee(slug)).orElse(true);
  }

  /** The given slugs the one signed in may see, in the same order. */
  public List<String> visible(List<String> slugs) {
    Optional<Account> a = current();
    return a.isEmpty() ? slugs : slugs.stream().filter(s -> a.get().maySee(s)).toList();
  }

  /**
   * @throws NotFound when the one signed in may not see the project
   */
  public void check(String slug) {
    if (!maySee(slug)) {
      throw new NotFound("project-not-found", "There is no such project.");
    }
  }
}
