package org.shimwatch.server.project;

/**
 * Published when a maintainer revokes an ingest key.
 *
 * @param keyId the key
 */
public record IngestKeyRevoked(long keyId) {}
