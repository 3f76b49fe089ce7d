package org.shimwatch.diagnostics.os2;

/**
 * A stack file and the version a tool printed for it.
 *
 * @param name the file name as shown, e.g. {@code SOCKETS.SYS}
 * @param version the version, e.g. {@code 6.3004}
 */
public record ComponentVersion(String name, String version) {}
