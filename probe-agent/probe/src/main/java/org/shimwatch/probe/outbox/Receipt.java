package org.shimwatch.probe.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * The server's answer for a stored report, kept in the local archive beside the report.
 *
 * @param reportId the report's id, as the server names it
 * @param receivedAt when the server first stored it
 * @param duplicate whether the server had it already (an earlier attempt got through)
 */
public record Receipt(UUID reportId, Instant receivedAt, boolean duplicate) {}
