package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file a listing shows, of those Shimwatch looks for.
 *
 * @param fileName the file's name, upper-cased ({@code _SOCKET.PYD})
 * @param directory its directory, reduced by {@link Os2Paths#reduce}
 * @param size its size in bytes, when the listing shows it
 * @param date its date as the listing writes it ({@code 2-29-04}), when shown
 * @param time its time as the listing writes it ({@code 7:40p}), when shown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListedFile(String fileName, String directory, Long size, String date, String time) {

  /** A file known by its name and directory only (a list of paths). */
  public ListedFile(String fileName, String directory) {
    this(fileName, directory, null, null, null);
  }
}
