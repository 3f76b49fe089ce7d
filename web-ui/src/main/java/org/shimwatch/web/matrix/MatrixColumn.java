package org.shimwatch.web.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A matrix column: a client version, or a shim version.
 *
 * @param key stable key of the column
 * @param label what a page shows, e.g. {@code BitTorrent 3.4.2} or {@code shim 0.2.0}
 * @param clientName the client, when columns are clients
 * @param clientVersion the client's version, when columns are clients
 * @param shimVersion the shim version, when columns are shim versions ({@code ""} when unknown)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixColumn(
    String key, String label, String clientName, String clientVersion, String shimVersion) {}
