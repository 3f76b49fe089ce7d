package org.shimwatch.server.rollup;

/**
 * What the shim recorded for one kind of call in one report, as stored for the analytics.
 *
 * @param kind the contract's call name, e.g. {@code select}
 * @param count calls made
 * @param fdAboveSetsize select() calls with nfds above FD_SETSIZE: evidence of the select() problem
 * @param latency latency histogram as {@link HistogramText}
 * @param overshoot timeout-overshoot histogram as {@link HistogramText}
 */
public record CallRow(
    String kind, long count, long fdAboveSetsize, String latency, String overshoot) {}
