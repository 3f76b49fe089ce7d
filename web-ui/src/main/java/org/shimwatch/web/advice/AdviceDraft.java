package org.shimwatch.web.advice;

/**
 * An advice entry as a maintainer submits it, checked by {@link AdviceForm}.
 *
 * @param title a short title
 * @param body the text in the Markdown subset
 * @param appliesTo what it applies to, at least one part
 * @param fixedIn the shim version that fixes it, or {@code null}
 */
public record AdviceDraft(String title, String body, AppliesTo appliesTo, String fixedIn) {}
