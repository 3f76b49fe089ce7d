package org.shimwatch.server.report;

import java.time.Instant;
import java.util.UUID;

/**
 * What the server answers once a report is committed.
 *
 * @param reportId the report's id
 * @param receivedAt when it was first stored
 * @param duplicate whether this answer is for a report stored earlier
 */
public record Receipt(UUID reportId, Instant receivedAt, boolean duplicate) {}
