package org.shimwatch.probe.outbox;

/**
 * A known issue the server named in a receipt: advice its maintainer wrote for the trap group the
 * report's trap fell in. Servers from before known issues send none; a probe from before them
 * ignores the field.
 *
 * @param title the advice's title
 * @param workaround its first line, as plain words
 * @param fixedIn the shim version that fixes it, or {@code null}
 * @param link where to read it: a path on the server ({@code /known-issues/…}), or {@code null}
 */
public record KnownIssue(String title, String workaround, String fixedIn, String link) {}
