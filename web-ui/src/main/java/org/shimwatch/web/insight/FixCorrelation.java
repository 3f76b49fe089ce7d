package org.shimwatch.web.insight;

/**
 * How the success rate differs between reports with and without one installed fix, among reports of
 * the same OS family.
 *
 * @param osFamily the reports compared
 * @param fix the fix, {@code kind:id[=version]}
 * @param withJudged reports with the fix that have a success or failure outcome
 * @param withSuccessRate their success rate
 * @param withoutJudged reports of the family without the fix that have a success or failure outcome
 * @param withoutSuccessRate their success rate
 * @param difference {@code withSuccessRate - withoutSuccessRate}
 */
public record FixCorrelation(
    String osFamily,
    String fix,
    long withJudged,
    double withSuccessRate,
    long withoutJudged,
    double withoutSuccessRate,
    double difference) {}
