package org.shimwatch.diagnostics.os2;

/**
 * A file a listing shows, of those Shimwatch looks for.
 *
 * @param fileName the file's name, upper-cased ({@code _SOCKET.PYD})
 * @param directory its directory, reduced by {@link Os2Paths#reduce}
 */
public record ListedFile(String fileName, String directory) {}
