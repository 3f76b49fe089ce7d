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
 * @param fileVersion the "File Version" line, e.g. {@code 14.106}
 * @param buildMachine the machine it was built on, from the extended signature ({@code ##1##})
 * @param asdFeatureId the ASD feature id of the extended signature
 * @param languageCode the language code of the extended signature, e.g. {@code EN}
 * @param countryCode the country code of the extended signature, e.g. {@code US}
 * @param fixpakVersion the FixPak the module came with, e.g. {@code 8101}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildLevel(
    String fileName,
    String vendor,
    String version,
    String description,
    String date,
    String fileVersion,
    String buildMachine,
    String asdFeatureId,
    String languageCode,
    String countryCode,
    String fixpakVersion) {

  /** A build level with the fields every signature has. */
  public BuildLevel(
      String fileName, String vendor, String version, String description, String date) {
    this(fileName, vendor, version, description, date, null, null, null, null, null, null);
  }
}
