package org.shimwatch.web.matrix;

import java.time.Instant;

/**
 * A comment a maintainer approved for the public, as a cell's drill-down shows it: never with the
 * report's or installation's id.
 *
 * @param seen when the report was made (the client's time, never after it was received)
 * @param clientName the client it was sent with
 * @param clientVersion the client's version ({@code ""} when unknown)
 * @param shimVersion the shim's version ({@code ""} when unknown)
 * @param text what the user wrote
 */
public record CellComment(
    Instant seen, String clientName, String clientVersion, String shimVersion, String text) {}
