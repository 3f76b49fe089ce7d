package org.shimwatch.web.advice;

import java.time.Instant;
import java.util.List;

/**
 * One advice entry as pages show it.
 *
 * @param id its id
 * @param project the project's slug
 * @param title a short title
 * @param body the text as written (the Markdown subset of {@link AdviceMarkdown})
 * @param appliesTo what it applies to
 * @param trapGroupLabel the trap group in words ({@code fault in module at location}), or {@code
 *     null}
 * @param fixedIn the shim version that fixes the issue, or {@code null}
 * @param createdAt when it was written
 * @param createdBy the maintainer who wrote it
 * @param updatedAt when it was last changed
 * @param updatedBy the maintainer who last changed it
 */
public record AdviceView(
    long id,
    String project,
    String title,
    String body,
    AppliesTo appliesTo,
    String trapGroupLabel,
    String fixedIn,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {

  /** The body as safe HTML. */
  public String html() {
    return AdviceMarkdown.toHtml(body);
  }

  /** What it applies to, in words. */
  public List<String> conditions() {
    return appliesTo.describe(trapGroupLabel);
  }

  /** The public page's anchor for this entry. */
  public String anchor() {
    return "advice-" + id;
  }

  /** Where the public reads it: the project's known issues page, at this entry. */
  public String publicPath() {
    return KnownIssues.path(project) + "#" + anchor();
  }
}
