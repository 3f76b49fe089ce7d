package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something a parser noticed but could still work around: a line it did not understand, a field it
 * left out, an entry cut short. Shown by {@code shimwatch inspect} so a user sees what was skipped.
 *
 * @param line 1-based line of the input, or {@code null} when the note is about the whole input
 * @param text the note in plain words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Note(Integer line, String text) {}
