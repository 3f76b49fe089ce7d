package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.shimwatch.report.Environment.InstallMode;

/**
 * Where one of the shim's modules ({@code _SOCKET.PYD} or {@code SELECT.PYD}) is and what that
 * means for the shim.
 *
 * @param module the module's file name
 * @param directory the directory it was found in (reduced), or the side directory inferred
 * @param mode how the shim is installed, judged from this module alone
 * @param evidence how the directory is known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModulePlacement(
    String module, String directory, InstallMode mode, Evidence evidence) {

  /** How a module's directory is known. */
  public enum Evidence {
    /** EXCEPTQ listed the module loaded from there: what Python actually used. */
    @JsonProperty("loaded")
    LOADED,
    /** A file listing showed it there. */
    @JsonProperty("listing")
    LISTING,
    /** Nothing showed the file; a PYTHONPATH directory named like the shim's was taken for it. */
    @JsonProperty("directory-name")
    DIRECTORY_NAME
  }
}
