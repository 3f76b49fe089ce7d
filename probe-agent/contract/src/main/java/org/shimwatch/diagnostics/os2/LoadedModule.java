package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A module an EXCEPTQ report lists as loaded in the trapping process.
 *
 * @param name the module name, e.g. {@code TCPIP32}
 * @param fileName the file name, e.g. {@code TCPIP32.DLL}
 * @param directory for Python extension modules ({@code .PYD}) only: the directory it was loaded
 *     from, reduced by {@link Os2Paths#reduce} (this is what shows whether the shim is active)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadedModule(String name, String fileName, String directory) {}
