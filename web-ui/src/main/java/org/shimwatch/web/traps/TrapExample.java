package org.shimwatch.web.traps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A report that carries a trap of a group.
 *
 * @param reportId the report
 * @param receivedAt when the server stored it
 * @param source the artefact the trap was read from, e.g. {@code os2-popuplog}
 * @param platform OS name and version
 * @param stack stack name and version
 * @param client client name and version
 * @param shimVersion shim version, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrapExample(
    UUID reportId,
    Instant receivedAt,
    String source,
    String platform,
    String stack,
    String client,
    String shimVersion) {}
