package org.shimwatch.server.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A known issue a receipt carries: advice a maintainer wrote for a trap group that the report's
 * trap falls in. {@code shimwatch run} prints it as {@code known issue: TITLE — workaround: LINE
 * (fixed in V) LINK}.
 *
 * @param title the advice's title
 * @param workaround the first line of its text, as plain words
 * @param fixedIn the shim version that fixes it, or {@code null}
 * @param link where the advice is, a path on this server ({@code /known-issues/…#advice-N})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KnownIssue(String title, String workaround, String fixedIn, String link) {}
