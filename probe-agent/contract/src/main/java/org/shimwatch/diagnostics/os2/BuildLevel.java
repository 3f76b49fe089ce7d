package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One module's build level, as {@code BLDLEVEL} shows it.
 *
 * @param fileName the module's file name, when the pasted command line named it
 * @param vendor the vendor, e.g. {@code IBM}
 * @param version the revision, e.g. {@code 4.32}
 * @param description the description, e.g. "TCP/IP Sockets 32-bit"
 * @param date the build date as written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildLevel(
    String fileName, String vendor, String version, String description, String date) {}
