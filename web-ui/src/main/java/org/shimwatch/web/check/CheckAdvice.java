package org.shimwatch.web.check;

/**
 * An advice entry for a setup, shown on the check answer.
 *
 * @param id a stable identifier
 * @param title one line
 * @param text the advice in plain words
 */
public record CheckAdvice(String id, String title, String text) {}
