package org.shimwatch.web.latency;

/**
 * Latency of one call kind on one stack version under one shim version, merged over every report.
 *
 * @param stack stack name and version, e.g. {@code os2-tcpip 4.3}
 * @param shimVersion shim version ({@code ""} when unknown)
 * @param callKind e.g. {@code select}
 * @param reports reports that made the call
 * @param calls calls made
 * @param latency wall time per call
 * @param overshoot time beyond the requested timeout, for calls that timed out
 */
public record LatencyView(
    String stack,
    String shimVersion,
    String callKind,
    long reports,
    long calls,
    Quantiles latency,
    Quantiles overshoot) {}
