package org.shimwatch.web.matrix;

/**
 * One line of the table of how the matrix is built: its tiers, what counts, the threshold the
 * public sees figures from, and how reports are grouped into rows.
 *
 * @param topic e.g. {@code tier}, {@code row grouping}
 * @param subject what the line is about, e.g. {@code works} or {@code OS/2: fix level}
 * @param rule the rule in plain words
 */
public record MatrixRule(String topic, String subject, String rule) {}
