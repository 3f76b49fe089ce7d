package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An {@link ArtefactParseException} as a value: what {@code shimwatch inspect} prints and the
 * server shows for a part it could not read.
 *
 * @param reason why the input could not be read
 * @param line 1-based line of text, or {@code null}
 * @param offset 0-based byte offset of binary input, or {@code null}
 * @param message the problem in words, with its position
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParseProblem(
    ArtefactParseException.Reason reason, Integer line, Long offset, String message) {}
