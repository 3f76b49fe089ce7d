package org.shimwatch.diagnostics;

/**
 * One input to inspect.
 *
 * @param name the file name or path the content came from, used only as a hint to its kind; {@code
 *     -} (or {@code null}) for pasted text
 * @param content the bytes as read
 */
public record ArtefactInput(String name, byte[] content) {}
